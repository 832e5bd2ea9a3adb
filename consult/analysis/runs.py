"""Full re-analysis of a consultation as chunks that any worker may claim.

A run is planned once: the consultation's current free-text answers, in id
order, are cut into chunks of ``CHUNK_SIZE`` ids stored as rows. A chunk task
claims its chunk with a conditional update, analyses it, and marks it done in
one transaction that first re-reads the chunk under a row lock, so a chunk
done twice (a redelivered message, a resumed run) writes and counts once.
Progress is the sum of done chunks' counts. See docs/decisions/0004.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from surveys.models import Answer

from .models import AnalysisChunk, AnalysisRun, Codebook
from .resources import MissingResource, missing_resources
from .text import PIPELINE_VERSION

log = logging.getLogger(__name__)

# 200 answers: a few seconds of work, a few MB of features in memory.
CHUNK_SIZE = getattr(settings, "ANALYSIS_CHUNK_SIZE", 200)
# A claim older than this belongs to a worker that died; another may take it.
# A chunk takes seconds; two minutes without finishing means its worker is gone.
CLAIM_LEASE = timedelta(minutes=2)


def answers_of(consultation_id):
    """The consultation's answers that analysis reads: current free text."""
    return (
        Answer.objects.current()
        .free_text()
        .filter(response__round__consultation_id=consultation_id)
    )


def start_run(*, consultation, user=None) -> AnalysisRun:
    """Queue a full re-analysis, or return the one already queued or running.

    Idempotent: at most one active run per consultation (a database constraint).
    """
    from .tasks import plan_analysis_run

    active = consultation.analysis_runs.filter(status__in=AnalysisRun.ACTIVE).first()
    if active:
        return active
    try:
        with transaction.atomic():
            run = AnalysisRun.objects.create(
                consultation=consultation,
                requested_by=user,
                pipeline_version=PIPELINE_VERSION,
            )
    except IntegrityError:
        return consultation.analysis_runs.get(status__in=AnalysisRun.ACTIVE)
    transaction.on_commit(lambda: plan_analysis_run.delay(str(run.pk)))
    log.info("analysis run queued", extra={"run": str(run.pk)})
    return run


def plan_run(*, run_id) -> list[int]:
    """Cut a queued run into chunks and mark it running; the pending chunk ids.

    Idempotent: a run already planned is not planned again, and the ids of its
    chunks still pending are returned so that they can be enqueued again.
    """
    missing = missing_resources()
    if missing:
        fail_run(run_id=run_id, error=str(MissingResource(missing)))
        return []
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status not in AnalysisRun.ACTIVE:
            return []
        if run.status == AnalysisRun.Status.QUEUED:
            chunks = _chunks(run)
            AnalysisChunk.objects.bulk_create(chunks, ignore_conflicts=True)
            run.total = sum(c.size for c in chunks)
            run.status = AnalysisRun.Status.RUNNING
            run.started_at = timezone.now()
            run.save(update_fields=["total", "status", "started_at", "updated_at"])
            log.info(
                "analysis run planned",
                extra={"run": str(run.pk), "answers": run.total, "chunks": len(chunks)},
            )
    finish_if_complete(run_id=run_id)
    return list(
        run.chunks.filter(status=AnalysisChunk.Status.PENDING).values_list(
            "pk", flat=True
        )
    )


def _chunks(run: AnalysisRun) -> list[AnalysisChunk]:
    ids = answers_of(run.consultation_id).order_by("pk").values_list("pk", flat=True)
    chunks, batch = [], []
    for pk in ids.iterator(chunk_size=5000):
        batch.append(pk)
        if len(batch) == CHUNK_SIZE:
            chunks.append(_chunk(run, len(chunks), batch))
            batch = []
    if batch:
        chunks.append(_chunk(run, len(chunks), batch))
    return chunks


def _chunk(run, number, ids) -> AnalysisChunk:
    return AnalysisChunk(
        run=run,
        number=number,
        first_answer_id=ids[0],
        last_answer_id=ids[-1],
        size=len(ids),
    )


def claim_chunk(*, chunk_id, stale_after: timedelta = CLAIM_LEASE) -> uuid.UUID | None:
    """Claim a pending chunk, or one whose claim is stale; None if not ours to do.

    One conditional UPDATE: two workers cannot both win a fresh claim.
    """
    token = uuid.uuid4()
    now = timezone.now()
    won = (
        AnalysisChunk.objects.filter(
            pk=chunk_id, run__status=AnalysisRun.Status.RUNNING
        )
        .filter(
            Q(status=AnalysisChunk.Status.PENDING)
            | Q(status=AnalysisChunk.Status.CLAIMED, claimed_at__lte=now - stale_after)
        )
        .update(
            status=AnalysisChunk.Status.CLAIMED,
            claim=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )
    return token if won else None


def analyse_chunk(*, chunk_id, stale_after: timedelta = CLAIM_LEASE) -> str:
    """Claim, analyse and complete one chunk. Returns what happened.

    Idempotent: a chunk already done or cancelled is left alone, and completion
    re-checks the chunk under a lock, so its answers are counted once.
    """
    from .services import analyse_answers, load_answers

    token = claim_chunk(chunk_id=chunk_id, stale_after=stale_after)
    if token is None:
        return "not-claimed"
    chunk = AnalysisChunk.objects.select_related("run").get(pk=chunk_id)
    run = chunk.run
    ids = answers_of(run.consultation_id).filter(
        pk__gte=chunk.first_answer_id, pk__lte=chunk.last_answer_id
    )
    answers = load_answers(ids.values_list("pk", flat=True))
    codebook = Codebook.objects.filter(consultation_id=run.consultation_id).first()
    try:
        with transaction.atomic():
            locked = AnalysisChunk.objects.select_for_update().get(pk=chunk_id)
            if locked.status != AnalysisChunk.Status.CLAIMED:
                return "already-done"
            if locked.claim != token:
                # Our claim went stale and another worker holds it now: its
                # completion counts the chunk, not ours.
                return "claim-lost"
            analyse_answers(answers=answers, codebook=codebook)
            locked.status = AnalysisChunk.Status.DONE
            locked.done = len(answers)
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "done", "finished_at"])
            AnalysisRun.objects.filter(pk=run.pk).update(updated_at=timezone.now())
    except MissingResource as exc:
        fail_run(run_id=run.pk, error=str(exc))
        return "failed"
    log.info(
        "analysis chunk done",
        extra={"run": str(run.pk), "chunk": chunk.number, "answers": len(answers)},
    )
    finish_if_complete(run_id=run.pk)
    return "done"


def finish_if_complete(*, run_id) -> bool:
    """Mark a running run finished once no chunk is left. Idempotent."""
    finished = (
        AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.RUNNING)
        .exclude(
            chunks__status__in=[
                AnalysisChunk.Status.PENDING,
                AnalysisChunk.Status.CLAIMED,
            ]
        )
        .update(status=AnalysisRun.Status.FINISHED, finished_at=timezone.now())
    )
    if finished:
        from .tasks import measure_codebook_learning

        log.info("analysis run finished", extra={"run": str(run_id)})
        consultation_id = str(
            AnalysisRun.objects.values_list("consultation_id", flat=True).get(pk=run_id)
        )
        transaction.on_commit(lambda: measure_codebook_learning.delay(consultation_id))
    return bool(finished)


def fail_run(*, run_id, error: str) -> None:
    """Stop a run with the error the admin shows (e.g. the missing NLTK data)."""
    with transaction.atomic():
        updated = AnalysisRun.objects.filter(
            pk=run_id, status__in=AnalysisRun.ACTIVE
        ).update(
            status=AnalysisRun.Status.FAILED, error=error, finished_at=timezone.now()
        )
        _cancel_chunks(run_id)
    if updated:
        log.error("analysis run failed", extra={"run": str(run_id), "error": error})


def cancel_run(*, run: AnalysisRun) -> bool:
    """Stop a queued or running run; chunks in hand finish, no new ones start.

    Idempotent: cancelling a finished or cancelled run does nothing.
    """
    with transaction.atomic():
        updated = AnalysisRun.objects.filter(
            pk=run.pk, status__in=AnalysisRun.ACTIVE
        ).update(status=AnalysisRun.Status.CANCELLED, finished_at=timezone.now())
        _cancel_chunks(run.pk)
    if updated:
        log.info("analysis run cancelled", extra={"run": str(run.pk)})
    return bool(updated)


def _cancel_chunks(run_id) -> None:
    AnalysisChunk.objects.filter(
        run_id=run_id, status=AnalysisChunk.Status.PENDING
    ).update(status=AnalysisChunk.Status.CANCELLED)


def resume_run(*, run: AnalysisRun, stale_after: timedelta = CLAIM_LEASE) -> int:
    """Enqueue again the chunks of a running run that nobody is working on:
    pending ones and those claimed longer ago than ``stale_after`` (their
    worker died). Returns how many. Idempotent: extra deliveries lose the claim.
    """
    from .tasks import analyse_run_chunk

    if run.status != AnalysisRun.Status.RUNNING:
        return 0
    cutoff = timezone.now() - stale_after
    ids = list(
        run.chunks.filter(
            Q(status=AnalysisChunk.Status.PENDING)
            | Q(status=AnalysisChunk.Status.CLAIMED, claimed_at__lte=cutoff)
        ).values_list("pk", flat=True)
    )
    seconds = stale_after.total_seconds()
    for pk in ids:
        transaction.on_commit(lambda pk=pk: analyse_run_chunk.delay(pk, seconds))
    log.info("analysis run resumed", extra={"run": str(run.pk), "chunks": len(ids)})
    return len(ids)


def progress(run: AnalysisRun) -> dict:
    """Answers done out of the total, counted from done chunks only."""
    done = (
        run.chunks.filter(status=AnalysisChunk.Status.DONE).aggregate(n=Sum("done"))[
            "n"
        ]
        or 0
    )
    percent = 100 if run.total == 0 else int(100 * done / run.total)
    if run.status == AnalysisRun.Status.FINISHED:
        percent = 100
    return {"done": done, "total": run.total, "percent": percent}
