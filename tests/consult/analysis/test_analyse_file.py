import csv

import pytest
from django.core.management import CommandError, call_command

CODEBOOK = (
    "key,name,signals\ncamhs,CAMHS,CAMHS; mental health\nsite,One site,one site; bus\n"
)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "codebook.csv").write_text(CODEBOOK)
    (tmp_path / "answers.csv").write_text(
        "id,text\n1,CAMHS waits are too long\n2,The bus to one site is two hours\n3,\n"
    )
    return tmp_path


def read(path):
    with open(path) as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def run(files, *extra, codebook="codebook.csv"):
    """analyse_file on the answers in ``files``; the tags it wrote, by id."""
    out = files / "tags.csv"
    call_command(
        "analyse_file",
        "--codebook",
        str(files / codebook),
        "--input",
        str(files / "answers.csv"),
        "--output",
        str(out),
        *extra,
    )
    return read(out)


def test_writes_one_row_per_answer_with_themes_and_scores(files):
    rows = run(files)
    assert rows["1"]["themes"] == "camhs"
    assert rows["2"]["themes"] == "site" and float(rows["2"]["scores"]) >= 0.75
    assert rows["3"]["themes"] == "" and rows["3"]["flags"] == "empty"


def test_learns_from_a_labelled_file(files):
    (files / "labelled.csv").write_text(
        "id,text,themes\n"
        + "".join(f"{i},Parking is awful {i},site\n" for i in range(5))
        + "".join(f"{i + 5},Counselling helped {i},camhs\n" for i in range(5))
    )
    (files / "answers.csv").write_text("id,text\n9,Parking is awful here\n")
    rows = run(files, "--labelled", str(files / "labelled.csv"))
    assert rows["9"]["themes"] == "site"


def test_qdc_codebooks_are_accepted(files):
    from consult.analysis.codebook_files import read_codebook_csv, write_qdc

    with open(files / "codebook.csv") as f, open(files / "codebook.qdc", "wb") as out:
        write_qdc(read_codebook_csv(f), out)
    assert run(files, codebook="codebook.qdc")["1"]["themes"] == "camhs"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--input": "missing.csv"}, "File not found"),
        ({"--codebook": "nope.csv"}, "Codebook not found"),
        ({"--text-column": "answer"}, "missing column\\(s\\) answer"),
    ],
)
def test_bad_arguments_get_a_clear_error(files, change, message):
    args = {"--codebook": "codebook.csv", "--input": "answers.csv", "--output": "o.csv"}
    args.update(change)
    argv = []
    for k, v in args.items():
        argv += [k, str(files / v) if k != "--text-column" else v]
    with pytest.raises(CommandError, match=message):
        call_command("analyse_file", *argv)


def _labelled_by_question(files):
    """Identical texts whose theme depends only on the question they answer."""
    (files / "labelled.csv").write_text(
        "id,text,themes,question\n"
        + "".join(f"{i},It was fine {i},site,Travel\n" for i in range(6))
        + "".join(f"{i + 6},It was fine {i},camhs,Support\n" for i in range(6))
    )
    (files / "answers.csv").write_text(
        "id,text,question\n1,It was fine,Travel\n2,It was fine,Support\n"
    )


def _analyse(files, *extra):
    return run(
        files, "--labelled", str(files / "labelled.csv"), "--single-label", *extra
    )


def test_the_question_column_is_read_and_learnt_from(files):
    _labelled_by_question(files)
    rows = _analyse(files, "--question-column", "question")
    assert rows["1"]["themes"] == "site"
    assert rows["2"]["themes"] == "camhs"


def test_without_the_question_column_the_question_is_not_used(files):
    _labelled_by_question(files)
    rows = _analyse(files)
    # Same text, no question: the learner cannot tell the two answers apart.
    assert rows["1"]["themes"] == rows["2"]["themes"]


def test_single_label_gives_exactly_one_theme_per_answer(files):
    _labelled_by_question(files)
    (files / "answers.csv").write_text(
        "id,text,question\n1,CAMHS and the bus to one site,Travel\n2,,Support\n"
        "3,Nothing to say,Other\n"
    )
    rows = _analyse(files, "--question-column", "question")
    assert all(len(row["themes"].split(";")) == 1 for row in rows.values())


@pytest.mark.parametrize("missing_from", ["answers.csv", "labelled.csv"])
def test_a_missing_question_column_is_named(files, missing_from):
    _labelled_by_question(files)
    path = files / missing_from
    lines = path.read_text().splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n")
    with pytest.raises(
        CommandError, match=rf"{missing_from}.*missing column\(s\) question"
    ):
        _analyse(files, "--question-column", "question")


@pytest.mark.parametrize(
    ("codebook", "message"),
    [
        ("key,name,terms\na,A,bus\n", "Unknown column\\(s\\) 'terms'"),
        ("key,title,signals\na,A,bus\n", "needs at least a 'name' column"),
        ("key,name,signals\na,A,\nb,B,\n", "'signals' column is empty"),
        ("key,name,description\na,A,about buses\n", "'signals' column is missing"),
    ],
)
def test_a_codebook_that_would_tag_nothing_is_refused_naming_the_column(
    files, codebook, message
):
    (files / "bad.csv").write_text(codebook)
    with pytest.raises(CommandError, match=message):
        run(files, codebook="bad.csv")
    assert not (files / "tags.csv").exists()


def test_long_runs_show_progress(files, capsys):
    (files / "answers.csv").write_text(
        "id,text\n" + "".join(f"{i},The bus is late {i}\n" for i in range(1200))
    )
    run(files)
    err = capsys.readouterr().err
    assert "Analysing answers: 500 of 1,200" in err
    assert "Tagging answers: 1,200 of 1,200" in err
