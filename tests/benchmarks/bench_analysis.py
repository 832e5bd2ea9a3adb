"""Throughput of the analysis pipeline against raw NLTK tagging (``make bench``).

Prints answers/s and tokens/s for the whole pipeline on one and on two worker
processes, raw ``nltk.pos_tag`` over the same tokenised sentences (the floor a
tagged pipeline cannot beat), the 100,000-answer time this implies, and each
worker's peak memory. Uses the NHS feedback in ../shared/eval-data (or
``SB_EVAL_DATA``) when present (answers of about 60 words are made by joining
comments), else the demo evaluation answers.

The machine may be shared, so figures move between runs. To keep the ratios
fair, the raw tagger and the one-worker pipeline run in the same process, in
alternating slices of the same answers, and each measurement is repeated
(``BENCH_REPEATS``, default 3): the median and the range are printed. Times are
wall-clock, as before; CPU-time figures are printed beside them, since they
move less when other processes compete for the cores.
"""

import csv
import os
import resource
import statistics
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NHS = Path(os.environ.get("SB_EVAL_DATA", ROOT.parent / "shared" / "eval-data"))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "1500"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
SLICES = 10  # alternations of raw tagger and pipeline in the one-worker run
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


_barrier = None


def _start_worker(barrier):
    """Load Django and the models once, outside any timed part, as a worker does."""
    global _barrier
    _barrier = barrier
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()
    import nltk

    from consult.analysis.text import models

    models()
    nltk.pos_tag(["warm", "up"])


def _clocks():
    return time.perf_counter(), time.process_time()


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tagger_and_pipeline(texts: list[str]) -> dict:
    """Raw ``nltk.pos_tag`` and the pipeline over the same answers, in turns."""
    import nltk

    from consult.analysis.text import _TOKEN, analyse_many, models

    m = models()
    totals = dict.fromkeys(
        ("raw_wall", "raw_cpu", "raw_tokens", "wall", "cpu", "tokens"), 0
    )
    for i in range(SLICES):
        part = texts[i::SLICES]
        sentences = [_TOKEN.findall(s) for t in part for s in m.sentences.tokenize(t)]
        wall, cpu = _clocks()
        for sentence in sentences:
            nltk.pos_tag(sentence)
        totals["raw_wall"] += time.perf_counter() - wall
        totals["raw_cpu"] += time.process_time() - cpu
        totals["raw_tokens"] += sum(len(s) for s in sentences)
        wall, cpu = _clocks()
        totals["tokens"] += sum(len(a.tokens) for a in analyse_many(part))
        totals["wall"] += time.perf_counter() - wall
        totals["cpu"] += time.process_time() - cpu
    totals["answers"] = len(texts)
    totals["peak_mb"] = _peak_mb()
    return totals


def _pipeline(texts: list[str]) -> dict:
    from consult.analysis.text import analyse_many

    _barrier.wait()  # both workers start together, each in its own process
    wall, cpu = _clocks()
    tokens = sum(len(a.tokens) for a in analyse_many(texts))
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "tokens": tokens,
        "answers": len(texts),
        "peak_mb": _peak_mb(),
    }


def measure(pool, texts: list[str]) -> dict:
    one = pool.apply(_tagger_and_pipeline, (texts,))
    two = pool.map(_pipeline, [texts[0::2], texts[1::2]], chunksize=1)
    # Two workers are as fast as the slower of them.
    two_wall = max(r["wall"] for r in two)
    return {
        "raw_tps": one["raw_tokens"] / one["raw_wall"],
        "one_tps": one["tokens"] / one["wall"],
        "one_aps": one["answers"] / one["wall"],
        "two_aps": len(texts) / two_wall,
        "two_tps": sum(r["tokens"] for r in two) / two_wall,
        "ratio": (one["tokens"] / one["wall"]) / (one["raw_tokens"] / one["raw_wall"]),
        "ratio_cpu": (one["tokens"] / one["cpu"])
        / (one["raw_tokens"] / one["raw_cpu"]),
        "scaling": (len(texts) / two_wall) / (one["answers"] / one["wall"]),
        "one_aps_cpu": one["answers"] / one["cpu"],
        "peak_mb": max([one["peak_mb"], *(r["peak_mb"] for r in two)]),
    }


def _spread(runs: list[dict], key: str, fmt: str) -> str:
    values = [r[key] for r in runs]
    median = format(statistics.median(values), fmt)
    if len(values) == 1:
        return median
    return f"{median}  ({format(min(values), fmt)} to {format(max(values), fmt)})"


def main() -> int:
    texts = corpus()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    ctx = get_context("spawn")
    runs = []
    with ctx.Pool(2, initializer=_start_worker, initargs=(ctx.Barrier(2),)) as pool:
        for _ in range(REPEATS):
            runs.append(measure(pool, texts))
    for run in runs:
        run["minutes"] = 100_000 / run["two_aps"] / 60
        # With two cores to themselves, two workers would do twice the CPU-time rate.
        run["minutes_cpu"] = 100_000 / (2 * run["one_aps_cpu"]) / 60
    print(f"load average at end:   {os.getloadavg()[0]:.2f}")
    print(f"median of {len(runs)} runs (lowest to highest):")
    print(
        f"raw nltk.pos_tag, 1 process:      {_spread(runs, 'raw_tps', ',.0f')} tokens/s"
    )
    print(
        f"pipeline, 1 worker:               {_spread(runs, 'one_tps', ',.0f')} tokens/s, {_spread(runs, 'one_aps', ',.1f')} answers/s"
    )
    print(
        f"pipeline, 2 workers:              {_spread(runs, 'two_tps', ',.0f')} tokens/s, {_spread(runs, 'two_aps', ',.1f')} answers/s"
    )
    print(
        f"pipeline / raw tagger, per core:  {_spread(runs, 'ratio', '.2f')}   (target >= 0.6)"
    )
    print(f"  the same in CPU time:           {_spread(runs, 'ratio_cpu', '.2f')}")
    print(
        f"two workers / one:                {_spread(runs, 'scaling', '.2f')}   (target >= 1.7)"
    )
    print(
        f"100,000 answers of ~60 words on 2 workers: {_spread(runs, 'minutes', '.1f')} minutes (target < 5)"
    )
    print(
        f"  from CPU time, 2 cores to themselves:    {_spread(runs, 'minutes_cpu', '.1f')} minutes"
    )
    print(
        f"peak worker memory: {max(r['peak_mb'] for r in runs):.0f} MB (target < 600)"
    )
    learning()
    return 0


def learning() -> None:
    """Learning from 2,000 labelled short answers and tagging 10,000 with the
    NHS set's subcategories and categories as themes (one signal each, from its name): CPU
    seconds for the NLTK pipeline, fitting and tagging, and the stored size."""
    import pickle

    source = NHS / "nhs_patient_feedback_phase1.csv"
    if not source.exists():
        print("learning: the NHS set is missing; skipped")
        return
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    django.setup()
    from consult.analysis.codebook_files import slug
    from consult.analysis.learning import ThemeLearner
    from consult.analysis.matching import ThemeRule
    from consult.analysis.text import analyse_many

    with source.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["feedback"].strip()]
    # Each answer's subcategory and category: about 50 themes, multi-label.
    names = sorted({r[c] for r in rows for c in ("subcategory", "label")})
    rules = [ThemeRule(slug(n), n, signals=[n.split()[0].lower()]) for n in names]
    texts = [r["feedback"] for r in rows]
    texts = (texts * (12_000 // len(texts) + 1))[:12_000]
    themes = [{slug(r["subcategory"]), slug(r["label"])} for r in rows]
    themes = (themes * (12_000 // len(themes) + 1))[:12_000]
    started = time.process_time()
    analysed = analyse_many(texts)
    pipeline = time.process_time() - started
    started = time.process_time()
    learner = ThemeLearner(rules).fit(
        list(zip(analysed[:2000], themes[:2000], strict=True))
    )
    fitted = time.process_time() - started
    started = time.process_time()
    learner.predict_many(analysed[2000:])
    tagged = time.process_time() - started
    size = len(pickle.dumps(learner)) / 1e6
    print(
        f"learning, {len(rules)} themes: NLTK pipeline for 12,000 answers {pipeline:.1f} s, "
        f"fit on 2,000 {fitted:.1f} s, tag 10,000 {tagged:.1f} s of CPU "
        f"(fit + tag target < 60 s); stored model {size:.1f} MB; "
        f"peak memory {_peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
