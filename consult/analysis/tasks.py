"""Celery tasks for analysis. Each takes ids, re-fetches, and is idempotent."""

import logging
from collections import defaultdict
from datetime import timedelta

from celery import shared_task

from .models import AnalysisRun, Codebook
from .resources import MissingResource

log = logging.getLogger(__name__)


@shared_task(name="analysis.analyse_submitted_answers")
def analyse_submitted_answers(answer_ids: list[int]) -> int:
    """Analyse a just-submitted response's free-text answers and suggest themes.

    Enqueued on commit of the submission. Idempotent: stored analyses are
    reused, assignments upserted, decisions untouched.
    """
    from .services import analyse_answers, load_answers

    by_consultation = defaultdict(list)
    for answer in load_answers(answer_ids):
        by_consultation[answer.consultation_id].append(answer)
    done = 0
    for consultation_id, answers in by_consultation.items():
        codebook = Codebook.objects.filter(consultation_id=consultation_id).first()
        try:
            done += analyse_answers(answers=answers, codebook=codebook)
        except MissingResource as exc:
            log.error("answers not analysed", extra={"error": str(exc)})
            return done
    return done


@shared_task(name="analysis.plan_run")
def plan_analysis_run(run_id: str) -> int:
    """Cut a run into chunks and enqueue one task per pending chunk. Idempotent."""
    from .runs import plan_run

    chunk_ids = plan_run(run_id=run_id)
    for chunk_id in chunk_ids:
        analyse_run_chunk.delay(chunk_id)
    return len(chunk_ids)


@shared_task(name="analysis.analyse_chunk")
def analyse_run_chunk(chunk_id: int, stale_after_seconds: float | None = None) -> str:
    """Claim and analyse one chunk of a run. Idempotent: a chunk counts once."""
    from .runs import CLAIM_LEASE, analyse_chunk

    stale_after = (
        CLAIM_LEASE
        if stale_after_seconds is None
        else timedelta(seconds=stale_after_seconds)
    )
    return analyse_chunk(chunk_id=chunk_id, stale_after=stale_after)


@shared_task(name="analysis.measure_learning")
def measure_codebook_learning(consultation_id: str) -> int:
    """Cross-validate the learner on the decisions so far. Idempotent."""
    from .training import measure_learning

    codebook = Codebook.objects.filter(consultation_id=consultation_id).first()
    if codebook is None:
        return 0
    return len(measure_learning(codebook=codebook))


@shared_task(name="analysis.resume_stalled_runs")
def resume_stalled_runs() -> int:
    """Re-enqueue chunks whose worker died (claims past their lease) and pending
    ones, for every running run. Idempotent; run by beat every minute."""
    from django.utils import timezone

    from .runs import CLAIM_LEASE, resume_run

    # Only runs without progress for a lease: a slow queue is not a dead worker.
    stalled = AnalysisRun.objects.filter(
        status=AnalysisRun.Status.RUNNING, updated_at__lte=timezone.now() - CLAIM_LEASE
    )
    return sum(resume_run(run=run) for run in stalled)


@shared_task(name="analysis.refresh_candidates")
def refresh_candidate_themes(consultation_id: str) -> int:
    """Propose candidate themes from the stored analyses. Idempotent: officers'
    decisions stand and the same analyses give the same proposals."""
    from surveys.models import Consultation

    from .candidate_services import refresh_candidates

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    try:
        return refresh_candidates(consultation=consultation)
    except MissingResource as exc:
        log.error("candidate themes not refreshed", extra={"error": str(exc)})
        return 0


@shared_task(name="analysis.fit_model")
def fit_codebook_model(codebook_id: str) -> str:
    """Fit and store the codebook's learner (``training.fit_model``). Idempotent."""
    from .models import Codebook
    from .training import fit_model

    codebook = Codebook.objects.filter(pk=codebook_id).first()
    if codebook is None:
        return "gone"
    return fit_model(codebook=codebook).status
