"""Analysis of answers held in files, for analyse_file and the evaluations."""

import csv

from .learning import ThemeLearner
from .matching import Match, match_themes
from .text import analyse_many


def _columns(reader: csv.DictReader, *needed: str) -> None:
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(
            f"missing column(s) {', '.join(missing)}; the file has "
            f"{', '.join(reader.fieldnames or []) or 'no header'}"
        )


def read_answers(
    fileobj, id_column: str, text_column: str, question_column: str | None = None
) -> list[tuple[str, str, str | None]]:
    """(id, text, question) per row; the question is None without its column."""
    reader = csv.DictReader(fileobj)
    _columns(reader, id_column, text_column, *filter(None, [question_column]))
    return [
        (
            row[id_column],
            row[text_column] or "",
            (row[question_column] or "").strip() if question_column else None,
        )
        for row in reader
    ]


def read_labelled(
    fileobj, id_column: str, text_column: str, question_column: str | None = None
):
    """(id, text, question, themes) per row of a labelled file."""
    reader = csv.DictReader(fileobj)
    _columns(reader, id_column, text_column, "themes", *filter(None, [question_column]))
    return [
        (
            row[id_column],
            row[text_column] or "",
            (row[question_column] or "").strip() if question_column else None,
            {t.strip() for t in (row["themes"] or "").split(";") if t.strip()},
        )
        for row in reader
    ]


def predict_all(
    rules, texts, *, questions=None, labelled=None, single_label=False, encoder=False
) -> list[list[Match]]:
    """Themes for each text: codebook rules, plus what the labelled answers teach
    (with ``encoder``, a fine-tuned transformer learns from them too).

    ``questions`` (one per text, None without a question column) are a feature
    only when the labelled answers carry their questions too."""
    analysed = analyse_many(texts)
    if labelled:
        examples = list(
            zip(
                analyse_many(t for _, t, _, _ in labelled),
                (themes for _, _, _, themes in labelled),
                strict=True,
            )
        )
        learnt_questions = [q for _, _, q, _ in labelled]
        if None in learnt_questions or not questions or None in questions:
            learnt_questions, questions = None, None
        learner = ThemeLearner(rules, at_least_one=single_label, encoder=encoder).fit(
            examples, learnt_questions
        )
        predictions = learner.predict_many(analysed, questions)
    else:
        predictions = [match_themes(a, rules) for a in analysed]
    if single_label:
        predictions = [p[:1] for p in predictions]
    return predictions, analysed


def analyse_rows(rules, answers, *, labelled=None, single_label=False, encoder=False):
    """Rows for a tags CSV: id, themes, scores, sentiment, flags."""
    predictions, analysed = predict_all(
        rules,
        [text for _, text, _ in answers],
        questions=[question for _, _, question in answers],
        labelled=labelled,
        single_label=single_label,
        encoder=encoder,
    )
    rows = []
    for (answer_id, _, _), matches, a in zip(
        answers, predictions, analysed, strict=True
    ):
        flags = [
            f
            for f, on in (
                ("truncated", a.truncated),
                ("not-english", not a.language_ok),
                ("empty", not a.tokens),
            )
            if on
        ]
        rows.append(
            [
                answer_id,
                ";".join(m.theme for m in matches),
                ";".join(f"{m.score:.3f}" for m in matches),
                round(a.sentiment, 3),  # a number: no apostrophe when written
                ";".join(flags),
            ]
        )
    return rows
