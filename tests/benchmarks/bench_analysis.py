"""Throughput of the analysis pipeline against raw NLTK tagging (``make bench``).

Prints answers/s and tokens/s for the whole pipeline on one and on two worker
processes, raw ``nltk.pos_tag`` over the same tokenised sentences (the floor a
tagged pipeline cannot beat), the 100,000-answer time this implies, and each
worker's peak memory. Uses the NHS feedback in ../shared/eval-data when present
(answers of about 60 words are made by joining comments), else the demo
evaluation answers.
"""

import csv
import os
import resource
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NHS = Path(os.environ.get("SB_EVAL_DATA", ROOT.parent / "shared" / "eval-data"))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "1500"))
TARGET_WORDS = 60


def corpus() -> list[str]:
    source = NHS / "nhs_patient_feedback_phase1.csv"
    if source.exists():
        with source.open(newline="", encoding="utf-8") as f:
            comments = [
                r["feedback"] for r in csv.DictReader(f) if r["feedback"].strip()
            ]
        origin = "NHS feedback"
    else:
        with (ROOT / "tests" / "eval" / "demo_answers.csv").open() as f:
            comments = [r["text"] for r in csv.DictReader(f)]
        origin = f"demo answers ({source} not found)"
    answers, current = [], []
    for comment in comments * 20:
        current.append(comment)
        if sum(len(c.split()) for c in current) >= TARGET_WORDS:
            answers.append(" ".join(current))
            current = []
        if len(answers) == ANSWERS:
            break
    print(f"{len(answers)} answers of ~{TARGET_WORDS} words from {origin}")
    return answers


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()


def _pipeline_worker(texts: list[str]) -> tuple[int, int]:
    _setup()
    from consult.analysis.text import analyse_many, models

    models()  # load once, outside the timed part, as a long-lived worker does
    start = time.perf_counter()
    tokens = sum(len(a.tokens) for a in analyse_many(texts))
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return tokens, elapsed, peak_mb


def run_pipeline(texts: list[str], workers: int):
    chunks = [texts[i::workers] for i in range(workers)]
    with get_context("spawn").Pool(workers) as pool:
        start = time.perf_counter()
        results = pool.map(_pipeline_worker, chunks)
        wall = time.perf_counter() - start
    # Wall time includes start-up; throughput uses the slowest worker's analysis time.
    busy = max(r[1] for r in results)
    tokens = sum(r[0] for r in results)
    return len(texts) / busy, tokens / busy, max(r[2] for r in results), wall


def raw_tagger(texts: list[str]) -> float:
    _setup()
    import nltk

    from consult.analysis.text import _TOKEN, models

    m = models()
    sentences = [_TOKEN.findall(s) for t in texts for s in m.sentences.tokenize(t)]
    nltk.pos_tag(["warm", "up"])
    start = time.perf_counter()
    for sentence in sentences:
        nltk.pos_tag(sentence)
    elapsed = time.perf_counter() - start
    return sum(len(s) for s in sentences) / elapsed


def main() -> int:
    texts = corpus()
    raw_tps = raw_tagger(texts)
    one = run_pipeline(texts, 1)
    two = run_pipeline(texts, 2)
    print(f"raw nltk.pos_tag, 1 process:  {raw_tps:10,.0f} tokens/s")
    for label, (aps, tps, peak, _wall) in (("1 worker ", one), ("2 workers", two)):
        print(
            f"pipeline, {label}:          {tps:10,.0f} tokens/s  {aps:8,.1f} answers/s"
            f"  peak {peak:5.0f} MB per worker"
        )
    print(f"pipeline / raw tagger, per core: {one[1] / raw_tps:.2f}   (target >= 0.6)")
    print(f"two workers / one:               {two[0] / one[0]:.2f}   (target >= 1.7)")
    minutes = 100_000 / two[0] / 60
    print(
        f"100,000 answers of ~60 words on 2 workers: {minutes:.1f} minutes (target < 5)"
    )
    print(f"peak worker memory: {max(one[2], two[2]):.0f} MB (target < 600)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
