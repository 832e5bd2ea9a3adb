"""Real, human-labelled patient feedback: how well do codebook rules and learning do?

Runs ``manage.py analyse_file`` on the NHS Friends and Family Test comments in
../shared/eval-data (see its README) with tests/eval/nhs_codebook.csv, written
from the label and subcategory names only. First with no labels, then learning
from a random 20% of the labelled comments; scores the rest with sample-F1.
The last run adds the fine-tuned encoder when its optional packages are
installed (make install-encoder), and says so when they are not.
"""

import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SB_EVAL_DATA", ROOT.parent / "shared" / "eval-data"))
SOURCE = DATA / "nhs_patient_feedback_phase1.csv"
CODEBOOK = ROOT / "tests" / "eval" / "nhs_codebook.csv"
LABELLED_SHARE = 0.2
SEED = 20261122


def main() -> int:
    if not SOURCE.exists():
        print(
            f"The evaluation data is missing: {SOURCE} does not exist.\n"
            "It is the NHS patient feedback set this team keeps in ../shared/eval-data "
            "(The Strategy Unit's pxtextmining datasets/phase_1/text_data.csv); put it "
            "there or set SB_EVAL_DATA to the folder that holds it.",
            file=sys.stderr,
        )
        return 2
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    django.setup()
    from django.core.management import call_command
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    from consult.analysis.codebook_files import read_codebook_csv
    from consult.analysis.encoder import EncoderUnavailable, model_dir

    with CODEBOOK.open() as f:
        key_of = {rule.name: rule.key for rule in read_codebook_csv(f)}
    with SOURCE.open(newline="", encoding="utf-8") as f:
        rows = [
            (r["row_index"], r["feedback"], key_of[r["label"]], r["question"])
            for r in csv.DictReader(f)
            if r["feedback"].strip()
        ]
    random.Random(SEED).shuffle(rows)
    cut = int(len(rows) * LABELLED_SHARE)
    labelled, held_out = rows[:cut], rows[cut:]
    truth = {i: {label} for i, _, label, _ in held_out}
    print(
        f"{len(rows)} comments, 9 labels; learning from {len(labelled)}, "
        f"scoring {len(held_out)}"
    )

    binarizer = MultiLabelBinarizer(classes=sorted(set(key_of.values())))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(
            tmp / "answers.csv",
            ["id", "text", "question"],
            [(i, t, q) for i, t, _, q in held_out],
        )
        _write(tmp / "labelled.csv", ["id", "text", "themes", "question"], labelled)
        learn = ["--labelled", str(tmp / "labelled.csv")]
        runs = [
            ("no labels", []),
            ("20% labelled, text only", learn),
            (
                "20% labelled, text + question",
                [*learn, "--question-column", "question"],
            ),
            ("20% labelled, text, encoder", [*learn, "--encoder"]),
        ]
        try:
            model_dir()
        except EncoderUnavailable as exc:
            print(f"(the encoder run is left out: {exc})")
            runs.pop()
        for name, extra in runs:
            out = tmp / "tags.csv"
            started = time.perf_counter()
            call_command(
                "analyse_file",
                "--codebook",
                str(CODEBOOK),
                "--input",
                str(tmp / "answers.csv"),
                "--output",
                str(out),
                "--single-label",
                *extra,
                stdout=open(os.devnull, "w"),  # noqa: SIM115
            )
            with out.open() as f:
                predicted = {
                    r["id"]: set(filter(None, r["themes"].split(";")))
                    for r in csv.DictReader(f)
                }
            ids = list(truth)
            score = f1_score(
                binarizer.fit_transform([truth[i] for i in ids]),
                binarizer.transform([predicted[i] for i in ids]),
                average="samples",
                zero_division=0,
            )
            took = time.perf_counter() - started
            print(f"sample-F1, {name:32}: {score:.3f}  ({took:.0f} s)")
    return 0


def _write(path: Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
