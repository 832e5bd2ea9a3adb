"""Real, human-labelled patient feedback: the learner beside a plain baseline.

Two development sets in ../shared/eval-data (see its README):

- the NHS Friends and Family Test comments (10,333, one of 9 labels each), with
  tests/eval/nhs_codebook.csv, written from the label and subcategory names only;
- the Care Opinion stories (1,998, 43 codes, 2.6 per story), with
  tests/eval/care_opinion_codebook.csv, written from the code names only.

For each set, in the same run and on the same random split: learn from 20% of
the labelled answers and score the other 80% with sample-averaged F1 (and
macro- and micro-F1), for the plain baseline (TF-IDF word 1-2-grams, one-vs-rest
linear SVM, scikit-learn's defaults, each answer at least its top theme) and
for ``manage.py analyse_file`` (the platform's learner; multi-label, as on the
platform): codebook rules alone, then learning from the labelled 20% (with the
question answered, where the set has one). The encoder run is added when its
optional packages are installed.

``SB_EVAL_SEEDS`` (default "0") lists the split seeds, e.g. "0 1 2".
"""

import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SB_EVAL_DATA", ROOT.parent / "shared" / "eval-data"))
NHS = DATA / "nhs_patient_feedback_phase1.csv"
CARE_OPINION = DATA / "care_opinion_multilabel.csv"
EVAL = ROOT / "tests" / "eval"
LABELLED_SHARE = 0.2


def nhs_rows(key_of):
    """(id, text, themes, question) per NHS comment."""
    with NHS.open(newline="", encoding="utf-8") as f:
        return [
            (r["row_index"], r["feedback"], {key_of[r["label"]]}, r["question"])
            for r in csv.DictReader(f)
            if r["feedback"].strip()
        ]


def care_opinion_rows(_key_of):
    """(id, text, themes, None) per Care Opinion story (it has no question)."""
    with CARE_OPINION.open(newline="", encoding="utf-8") as f:
        return [
            (r["id"], r["text"], set(filter(None, r["themes"].split(";"))), None)
            for r in csv.DictReader(f)
        ]


SETS = [
    ("NHS Friends and Family Test (single-label)", NHS, "nhs_codebook.csv", nhs_rows),
    (
        "Care Opinion (multi-label)",
        CARE_OPINION,
        "care_opinion_codebook.csv",
        care_opinion_rows,
    ),
]


def main() -> int:
    missing = [str(path) for _, path, _, _ in SETS if not path.exists()]
    if missing:
        print(
            f"The evaluation data is missing: {', '.join(missing)} does not exist.\n"
            "It is the patient feedback this team keeps in ../shared/eval-data "
            "(The Strategy Unit's pxtextmining phase-1 data); put it there or set "
            "SB_EVAL_DATA to the folder that holds it.",
            file=sys.stderr,
        )
        return 2
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    django.setup()
    from consult.analysis.codebook_files import read_codebook_csv
    from consult.analysis.encoder import EncoderUnavailable, model_dir

    try:
        model_dir()
        encoder = True
    except EncoderUnavailable as exc:
        print(f"(the encoder runs are left out: {exc})")
        encoder = False
    seeds = [int(s) for s in os.environ.get("SB_EVAL_SEEDS", "0").split()]
    for title, _, codebook_name, read in SETS:
        codebook = EVAL / codebook_name
        with codebook.open() as f:
            rules = read_codebook_csv(f)
        rows = read({rule.name: rule.key for rule in rules})
        for seed in seeds:
            evaluate(title, codebook, rules, rows, seed, encoder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")
    return 0


def evaluate(title, codebook, rules, rows, seed, encoder) -> None:
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    cut = int(len(rows) * LABELLED_SHARE)
    labelled, held_out = rows[:cut], rows[cut:]
    keys = sorted(rule.key for rule in rules)
    truth = [themes & set(keys) for _, _, themes, _ in held_out]
    people = sum(len(t) for t in truth) / len(truth)
    print(
        f"\n{title}, seed {seed}: {len(rows)} answers, {len(keys)} themes; "
        f"learning from {len(labelled)}, scoring {len(held_out)} "
        f"(people gave {people:.2f} themes per answer)"
    )
    print(f"{'set-up':44} sample-F1 macro-F1 micro-F1 themes/answer  CPU")
    started = time.process_time()
    predicted = baseline(labelled, held_out, keys)
    report(
        "plain baseline (TF-IDF 1-2-grams, OvR SVM)", keys, truth, predicted, started
    )
    has_question = all(q for _, _, _, q in rows)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(
            tmp / "answers.csv",
            ["id", "text", "question"],
            [(i, t, q) for i, t, _, q in held_out],
        )
        _write(
            tmp / "labelled.csv",
            ["id", "text", "themes", "question"],
            [(i, t, ";".join(sorted(th)), q) for i, t, th, q in labelled],
        )
        learn = ["--labelled", str(tmp / "labelled.csv")]
        runs = [("codebook rules only", []), ("analyse_file, 20% labelled", learn)]
        if has_question:
            runs.append(
                (
                    "analyse_file, 20% labelled, + question",
                    [*learn, "--question-column", "question"],
                )
            )
        if encoder:
            runs.append(("analyse_file, 20% labelled, encoder", [*learn, "--encoder"]))
        for name, extra in runs:
            started = time.process_time()
            found = analyse_file(codebook, tmp, extra)
            predicted = [found[i] & set(keys) for i, _, _, _ in held_out]
            report(name, keys, truth, predicted, started)


def baseline(labelled, held_out, keys):
    """TF-IDF word 1-2-grams (sublinear term frequency) and one-vs-rest linear
    SVMs, scikit-learn's defaults otherwise; an answer no SVM says yes to gets
    the theme whose SVM scores it highest, as multi-label baselines do (left
    untagged, 68% of the Care Opinion stories got nothing: 0.108 sample-F1)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    binarizer = MultiLabelBinarizer(classes=keys)
    y = binarizer.fit_transform([themes for _, _, themes, _ in labelled])
    seen = y.sum(axis=0) > 0  # a theme no labelled answer has cannot be learnt
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vectoriser.fit_transform([t for _, t, _, _ in labelled])
    model = OneVsRestClassifier(LinearSVC()).fit(x, y[:, seen])
    scores = model.decision_function(
        vectoriser.transform([t for _, t, _, _ in held_out])
    )
    learnt = [k for k, s in zip(keys, seen, strict=True) if s]
    return [
        {k for k, s in zip(learnt, row, strict=True) if s > 0}
        or {learnt[int(row.argmax())]}
        for row in scores
    ]


def analyse_file(codebook, tmp: Path, extra) -> dict[str, set[str]]:
    from django.core.management import call_command

    out = tmp / "tags.csv"
    with open(os.devnull, "w") as quiet:
        call_command(
            "analyse_file",
            "--codebook",
            str(codebook),
            "--input",
            str(tmp / "answers.csv"),
            "--output",
            str(out),
            *extra,
            stdout=quiet,
            stderr=quiet,
        )
    with out.open() as f:
        return {
            r["id"]: set(filter(None, r["themes"].split(";")))
            for r in csv.DictReader(f)
        }


def report(name, keys, truth, predicted, started) -> None:
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer(classes=keys)
    t, p = binarizer.fit_transform(truth), binarizer.transform(predicted)
    sample, macro, micro = (
        f1_score(t, p, average=a, zero_division=0)
        for a in ("samples", "macro", "micro")
    )
    per_answer = sum(len(x) for x in predicted) / len(predicted)
    took = time.process_time() - started
    print(
        f"{name:44} {sample:9.3f} {macro:8.3f} {micro:8.3f} "
        f"{per_answer:13.2f} {took:4.0f} s"
    )


def _write(path: Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
