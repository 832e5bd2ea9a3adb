"""Theme discovery on 100,000 answers (``make bench``).

Analyses the NHS feedback in ../shared/eval-data once (else the demo evaluation
answers), then makes 100,000 answers of two to three comments each by joining
the analysed comments at random, so that the pipeline's own cost is not
measured here. Prints the time for collocations and for the whole discovery
with the NHS codebook, peak memory and the top candidates.
"""

import csv
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NHS = Path(os.environ.get("SB_EVAL_DATA", ROOT.parent / "shared" / "eval-data"))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "100000"))


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()


def comments() -> tuple[list[str], Path, str]:
    source = NHS / "nhs_patient_feedback_phase1.csv"
    if source.exists():
        with source.open(newline="", encoding="utf-8") as f:
            texts = [r["feedback"] for r in csv.DictReader(f) if r["feedback"].strip()]
        return texts, ROOT / "tests" / "eval" / "nhs_codebook.csv", "NHS feedback"
    with (ROOT / "tests" / "eval" / "demo_answers.csv").open() as f:
        texts = [r["text"] for r in csv.DictReader(f)]
    codebook = ROOT / "tests" / "eval" / "demo_codebook.csv"
    return texts, codebook, f"demo answers ({source} not found)"


def joined(parts):
    from consult.analysis.text import AnalysedText

    out = AnalysedText()
    for a in parts:
        out.tokens += a.tokens
        out.tags += a.tags
        out.lemmas += a.lemmas
        out.content_lemmas += a.content_lemmas
        out.noun_phrases += a.noun_phrases
        out.sentences += a.sentences
        out.sentence_lengths += a.sentence_lengths
    return out


def main() -> int:
    _setup()
    from consult.analysis.codebook_files import read_codebook_csv
    from consult.analysis.collocations import find_collocations
    from consult.analysis.discovery import discover_themes
    from consult.analysis.text import analyse_many

    texts, codebook, origin = comments()
    with codebook.open() as f:
        rules = read_codebook_csv(f)
    start = time.perf_counter()
    analysed = analyse_many(texts)
    print(
        f"analysed {len(texts):,} comments ({origin}) in {time.perf_counter() - start:.0f} s"
    )
    rng = random.Random(0)
    answers = [joined(rng.sample(analysed, rng.choice((2, 3)))) for _ in range(ANSWERS)]
    words = sum(len(a.tokens) for a in answers)
    print(f"{len(answers):,} answers of {words / len(answers):.0f} tokens on average")

    start = time.perf_counter()
    found = find_collocations(answers, min_count=5)
    print(f"collocations:   {time.perf_counter() - start:6.1f} s  ({len(found)} kept)")
    start = time.perf_counter()
    candidates = discover_themes(answers, rules, min_answers=50)
    elapsed = time.perf_counter() - start
    print(f"discovery:      {elapsed:6.1f} s  ({len(candidates)} candidates)")
    print(
        f"peak memory:    {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.0f} MB"
    )
    for c in candidates[:8]:
        top = ", ".join(f"{p.text} ({p.answers})" for p in c.phrases)
        print(f"  {c.answer_count:6,}  {c.label}: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
