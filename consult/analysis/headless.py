"""Analysis of answers held in files, for analyse_file and the evaluations."""

import csv

from .learning import ThemeLearner
from .matching import Match
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


# Answers per batch: progress is reported after each.
BATCH = 500


def _in_batches(items: list, work, progress, label: str) -> list:
    """``work`` over ``items`` in batches, telling ``progress`` how far it got."""
    out = []
    for start in range(0, len(items), BATCH):
        out.extend(work(items[start : start + BATCH]))
        if progress:
            progress(label, min(start + BATCH, len(items)), len(items))
    return out


def predict_all(
    rules,
    texts,
    *,
    questions=None,
    labelled=None,
    single_label=False,
    encoder=False,
    progress=None,
) -> list[list[Match]]:
    """Themes for each text through the platform's learner (``ThemeLearner``):
    codebook rules alone without ``labelled`` answers, rules as evidence with them
    (with ``encoder``, a fine-tuned transformer learns from them too).

    ``questions`` (one per text, None without a question column) are a feature
    only when the labelled answers carry their questions too. ``progress``, if
    given, is called with (stage, done, total) after each batch.
    """
    texts = list(texts)
    analysed = _in_batches(texts, analyse_many, progress, "Analysing answers")
    learner = ThemeLearner(
        rules, at_least_one=True if single_label else None, encoder=encoder
    )
    if labelled:
        learnt = _in_batches(
            [t for _, t, _, _ in labelled], analyse_many, progress, "Analysing labelled"
        )
        examples = list(zip(learnt, (th for _, _, _, th in labelled), strict=True))
        learnt_questions = [q for _, _, q, _ in labelled]
        if None in learnt_questions or not questions or None in questions:
            learnt_questions, questions = None, None
        if progress:
            progress("Learning from labelled answers", 0, len(examples))
        learner.fit(examples, learnt_questions)
    questions = list(questions) if questions else [None] * len(analysed)
    predictions = _in_batches(
        list(zip(analysed, questions, strict=True)),
        lambda batch: learner.predict_many(
            [a for a, _ in batch], [q for _, q in batch]
        ),
        progress,
        "Tagging answers",
    )
    if single_label:
        predictions = [p[:1] for p in predictions]
    return predictions, analysed


def analyse_rows(
    rules, answers, *, labelled=None, single_label=False, encoder=False, progress=None
):
    """Rows for a tags CSV: id, themes, scores, sentiment, flags."""
    predictions, analysed = predict_all(
        rules,
        [text for _, text, _ in answers],
        questions=[question for _, _, question in answers],
        labelled=labelled,
        single_label=single_label,
        encoder=encoder,
        progress=progress,
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
