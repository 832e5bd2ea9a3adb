"""A re-analysis of 5,000 answers on real workers survives a killed worker.

Two worker processes on Redis and PostgreSQL; the worker's process group is
SIGKILLed mid-run, a new worker is started and the run resumed. In the end
every answer has exactly one analysis, every chunk counted once.
"""

import csv
import itertools
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import Count, Sum

from consult.analysis.models import (
    AnalysisChunk,
    AnalysisRun,
    AnswerAnalysis,
    ThemeAssignment,
)
from consult.analysis.runs import progress, resume_run, start_run
from surveys.models import Answer, Response
from tests.consult.analysis.factories import codebook_for, free_text_round

pytestmark = pytest.mark.integration

ANSWERS = 5000
EVAL = Path(__file__).resolve().parents[1] / "eval" / "demo_answers.csv"


PEAK_RSS_MB = {"value": 0.0}


def _sample_worker_memory():
    """Peak resident memory of any worker process (printed, never asserted)."""
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"celery" not in path.read_bytes():
                continue
            status = (path.parent / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                mb = int(line.split()[1]) / 1024
                PEAK_RSS_MB["value"] = max(PEAK_RSS_MB["value"], mb)


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _sample_worker_memory()
        if predicate():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def _consultation_with_answers():
    round_, views = free_text_round()
    with EVAL.open(encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    responses = Response.objects.bulk_create(
        Response(round=round_, reference=f"R{i:07}") for i in range(ANSWERS)
    )
    # Numbered so that each is analysed, not copied from an identical one.
    Answer.objects.bulk_create(
        Answer(response=r, question=views, value=[], text=f"{text} ({i})")
        for i, (r, text) in enumerate(
            zip(responses, itertools.cycle(texts), strict=False)
        )
    )
    codebook_for(round_.consultation)
    return round_.consultation


def _done_chunks(run):
    return run.chunks.filter(status=AnalysisChunk.Status.DONE).count()


def test_a_killed_run_resumes_and_counts_every_answer_once(celery_workers):
    consultation = _consultation_with_answers()
    worker = celery_workers.start()
    run = start_run(consultation=consultation)  # autocommit: enqueued at once
    _wait(lambda: run.chunks.exists(), 60, "the run to be planned")
    chunks = run.chunks.count()
    assert chunks == ANSWERS // 200
    _wait(lambda: _done_chunks(run) >= 3, 240, "the first chunks")
    celery_workers.kill(worker)
    done_when_killed = _done_chunks(run)
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.RUNNING
    assert done_when_killed < chunks, "the run finished before the kill"

    celery_workers.start()
    # Every worker is known dead, so every claim is stale (the beat task does
    # the same after the claim lease, two minutes).
    assert resume_run(run=run, stale_after=timedelta(0)) > 0
    _wait(
        lambda: (
            AnalysisRun.objects.get(pk=run.pk).status == AnalysisRun.Status.FINISHED
        ),
        600,
        "the resumed run to finish",
    )
    run.refresh_from_db()
    print(  # noqa: T201 -- figures, never asserted
        f"\n{ANSWERS} answers, {chunks} chunks; killed after {done_when_killed}; "
        f"chunk attempts {run.chunks.aggregate(n=Sum('attempts'))['n']}; "
        f"peak worker process memory {PEAK_RSS_MB['value']:.0f} MB"
    )
    assert progress(run) == {"done": ANSWERS, "total": ANSWERS, "percent": 100}
    assert AnswerAnalysis.objects.filter(consultation=consultation).count() == ANSWERS
    assert not (
        AnswerAnalysis.objects.values("answer_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    assert run.chunks.exclude(status=AnalysisChunk.Status.DONE).count() == 0
    assert run.chunks.aggregate(n=Sum("done"))["n"] == ANSWERS
    assert ThemeAssignment.objects.filter(consultation=consultation).exists()
    assert not (
        ThemeAssignment.objects.values("answer_id", "theme_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
