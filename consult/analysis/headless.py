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


def read_answers(fileobj, id_column: str, text_column: str) -> list[tuple[str, str]]:
    reader = csv.DictReader(fileobj)
    _columns(reader, id_column, text_column)
    return [(row[id_column], row[text_column] or "") for row in reader]


def read_labelled(fileobj, id_column: str, text_column: str):
    reader = csv.DictReader(fileobj)
    _columns(reader, id_column, text_column, "themes")
    return [
        (
            row[id_column],
            row[text_column] or "",
            {t.strip() for t in (row["themes"] or "").split(";") if t.strip()},
        )
        for row in reader
    ]


def predict_all(
    rules, texts, *, labelled=None, single_label=False
) -> list[list[Match]]:
    """Themes for each text: codebook rules, plus what the labelled answers teach."""
    analysed = analyse_many(texts)
    if labelled:
        examples = list(
            zip(
                analyse_many(t for _, t, _ in labelled),
                (themes for _, _, themes in labelled),
                strict=True,
            )
        )
        learner = ThemeLearner(rules, at_least_one=single_label).fit(examples)
        predictions = [learner.predict(a) for a in analysed]
    else:
        predictions = [match_themes(a, rules) for a in analysed]
    if single_label:
        predictions = [p[:1] for p in predictions]
    return predictions, analysed


def analyse_rows(rules, answers, *, labelled=None, single_label=False):
    """Rows for a tags CSV: id, themes, scores, sentiment, flags."""
    predictions, analysed = predict_all(
        rules,
        [text for _, text in answers],
        labelled=labelled,
        single_label=single_label,
    )
    rows = []
    for (answer_id, _), matches, a in zip(answers, predictions, analysed, strict=True):
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
                f"{a.sentiment:.3f}",
                ";".join(flags),
            ]
        )
    return rows
