"""Full re-analysis runs: chunks, claims, progress, cancel, resume, failures."""

from datetime import timedelta

import nltk
import pytest

from consult.analysis import runs
from consult.analysis.models import (
    AnalysisChunk,
    AnalysisRun,
    AnswerAnalysis,
    ThemeAssignment,
)
from consult.analysis.tasks import (
    analyse_run_chunk,
    plan_analysis_run,
    resume_stalled_runs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(runs, "CHUNK_SIZE", 3)


def _start(consultation, capture, user=None):
    with capture(execute=True):
        run = runs.start_run(consultation=consultation, user=user)
    run.refresh_from_db()
    return run


def test_a_run_analyses_every_answer_once_in_chunks(
    answered, officer, django_capture_on_commit_callbacks
):
    consultation, codebook, answers = answered
    run = _start(consultation, django_capture_on_commit_callbacks, officer)
    assert run.status == AnalysisRun.Status.FINISHED
    # The empty answer is not free text; whitespace and emoji are analysed.
    assert run.total == 5
    assert run.chunks.count() == 2
    assert runs.progress(run) == {"done": 5, "total": 5, "percent": 100}
    assert AnswerAnalysis.objects.count() == 5
    assert ThemeAssignment.objects.filter(theme__key="camhs").count() == 1
    codebook.refresh_from_db()
    assert codebook.learning_measured_at is not None


def test_tasks_run_twice_count_once(answered, django_capture_on_commit_callbacks):
    consultation, _, _ = answered
    run = _start(consultation, django_capture_on_commit_callbacks)
    chunk_ids = list(run.chunks.values_list("pk", flat=True))
    tags = list(ThemeAssignment.objects.order_by("pk").values_list("pk", "score"))
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_analysis_run.delay(str(run.pk)).get() == 0
        assert plan_analysis_run.delay(str(run.pk)).get() == 0
        for pk in chunk_ids:
            assert analyse_run_chunk.delay(pk).get() == "not-claimed"
            assert analyse_run_chunk.delay(pk, 0).get() == "not-claimed"
    run.refresh_from_db()
    assert run.chunks.filter(status="done").count() == len(chunk_ids)
    assert runs.progress(run)["done"] == 5
    assert AnswerAnalysis.objects.count() == 5
    again = ThemeAssignment.objects.order_by("pk").values_list("pk", "score")
    assert list(again) == tags


def test_one_active_run_per_consultation(answered):
    consultation, _, _ = answered
    first = runs.start_run(consultation=consultation)
    assert runs.start_run(consultation=consultation) == first
    assert AnalysisRun.objects.count() == 1


def test_a_chunk_claimed_by_a_dead_worker_is_resumed_and_counted_once(answered):
    consultation, _, _ = answered
    run = runs.start_run(consultation=consultation)
    pending = runs.plan_run(run_id=run.pk)
    first, second = pending
    # A worker claims the first chunk, then dies before finishing it.
    assert runs.claim_chunk(chunk_id=first) is not None
    assert runs.analyse_chunk(chunk_id=second) == "done"
    # A redelivered message finds the claim fresh and leaves it.
    assert runs.analyse_chunk(chunk_id=first) == "not-claimed"
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.RUNNING
    assert runs.progress(run)["done"] == 2
    # Past the lease, another worker takes it over.
    AnalysisChunk.objects.filter(pk=first).update(
        claimed_at=run.created_at - runs.CLAIM_LEASE - timedelta(seconds=1)
    )
    assert runs.analyse_chunk(chunk_id=first) == "done"
    assert runs.analyse_chunk(chunk_id=first) == "not-claimed"
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FINISHED
    assert runs.progress(run)["done"] == 5
    assert AnalysisChunk.objects.get(pk=first).attempts == 2
    assert AnswerAnalysis.objects.count() == 5


def test_stalled_runs_are_resumed_by_the_periodic_task(
    answered, django_capture_on_commit_callbacks
):
    consultation, _, _ = answered
    run = runs.start_run(consultation=consultation)
    first, _ = runs.plan_run(run_id=run.pk)
    runs.claim_chunk(chunk_id=first)
    long_ago = run.created_at - runs.CLAIM_LEASE - timedelta(minutes=1)
    AnalysisChunk.objects.filter(pk=first).update(claimed_at=long_ago)
    AnalysisRun.objects.filter(pk=run.pk).update(updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_stalled_runs.delay().get() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_stalled_runs.delay().get() == 0  # finished: nothing to resume
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FINISHED
    assert runs.progress(run)["done"] == 5


def test_cancel_stops_new_chunks_and_keeps_work_done(answered):
    consultation, _, _ = answered
    run = runs.start_run(consultation=consultation)
    first, second = runs.plan_run(run_id=run.pk)
    assert runs.analyse_chunk(chunk_id=first) == "done"
    assert runs.cancel_run(run=run)
    assert not runs.cancel_run(run=run)
    assert runs.analyse_chunk(chunk_id=second) == "not-claimed"
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.CANCELLED
    assert runs.progress(run)["done"] == 3
    assert AnswerAnalysis.objects.count() == 3
    # A new run may start after a cancelled one.
    assert runs.start_run(consultation=consultation) != run


def test_missing_nltk_data_stops_the_run_naming_it(answered, monkeypatch):
    consultation, _, _ = answered
    monkeypatch.setattr(nltk.data, "path", ["/nonexistent-nltk-data"])
    run = runs.start_run(consultation=consultation)
    assert runs.plan_run(run_id=run.pk) == []
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert "punkt_tab" in run.error and "NLTK_DATA" in run.error
    assert not AnswerAnalysis.objects.exists()


def test_a_consultation_without_answers_finishes_at_once(
    officer, django_capture_on_commit_callbacks
):
    from tests.consult.analysis.factories import codebook_for, free_text_round

    round_, _ = free_text_round()
    codebook_for(round_.consultation)
    run = _start(round_.consultation, django_capture_on_commit_callbacks, officer)
    assert run.status == AnalysisRun.Status.FINISHED
    assert runs.progress(run) == {"done": 0, "total": 0, "percent": 100}
