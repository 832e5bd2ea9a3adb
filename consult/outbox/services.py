"""Record a task with the commit; send it after; sweep what is left.

``enqueue`` writes an ``OutboxTask`` row in the caller's transaction and asks
for it to be dispatched when that transaction commits. If the broker is down
then, the row stays and the respondent sees nothing of it: the send gives up
after the broker's short connect timeout (``CELERY_BROKER_TRANSPORT_OPTIONS``)
with no publish retries, and the next ones in this process do not try again
for ``BROKER_BACKOFF`` seconds. Beat's ``outbox.sweep`` sends every row left
unsent, once. Rows are claimed by a conditional update before sending, so the
dispatcher and the sweep never both send one; a task that reaches the broker
twice anyway (a crash between the send and the stamp) is harmless, because
every task we enqueue this way is idempotent.

Sent is not done: a broker can lose a message it has handed over (Redis
stopped between a worker popping it and recording it as unacknowledged). A
task that succeeds stamps its row ``done_at`` (``mark_done``, on Celery's
``task_success``); the sweep sends again a row sent ``OUTBOX_REDELIVER_AFTER``
seconds ago and not done, up to ``MAX_SENDS`` times.
"""

import logging
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxTask

log = logging.getLogger(__name__)

# After a failed send, this process leaves sending to the sweep for a while, so
# that a request enqueuing many tasks waits on one timeout, not one each.
BROKER_BACKOFF = 10.0
# A claim older than this belongs to a process that died mid-send.
STALE_CLAIM = timedelta(minutes=2)
# The sweep leaves young rows to their dispatcher.
SWEEP_AFTER = timedelta(seconds=30)
SWEEP_BATCH = 500
KEEP_SENT = timedelta(days=7)
# A task still not done after this many sends is left for a person (the admin's
# outbox listing shows it), not sent for ever.
MAX_SENDS = 5

_broker_down_until = 0.0
# Threads of one process may find the tasks not yet imported at once; one
# imports them while the others wait, or some see a half-filled registry.
_importing = threading.Lock()


def enqueue(task: str, *args) -> OutboxTask:
    """Record ``task(*args)`` in this transaction; dispatch it after the commit.

    ``task`` is the Celery task's registered name; ``args`` must be JSON.
    Outside a transaction (autocommit) the row is written and sent at once.
    """
    row = OutboxTask.objects.create(task=task, args=list(args))
    transaction.on_commit(lambda: dispatch(row.pk))
    return row


def enqueue_many(task: str, arg_lists: list[list]) -> list[OutboxTask]:
    """``enqueue`` for many tasks at once: one insert, one dispatch after commit."""
    rows = OutboxTask.objects.bulk_create(
        [OutboxTask(task=task, args=list(args)) for args in arg_lists]
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: dispatch_many(ids))
    return rows


def dispatch_many(ids) -> int:
    return sum(dispatch(pk) for pk in ids)


def dispatch(pk) -> bool:
    """Send one recorded task if no one else is, and stamp it sent. Never raises
    for a broker failure: the row stays for the sweep."""
    global _broker_down_until
    eager = _celery().conf.task_always_eager
    if not eager and time.monotonic() < _broker_down_until:
        return False
    now = timezone.now()
    claimed = (
        OutboxTask.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
        .update(claimed_at=now)
    )
    if not claimed:
        return False
    row = OutboxTask.objects.get(pk=pk)
    if eager:  # the embedded default: run in process, errors show as they happen
        _publish(row)
        _mark_sent(row, done=True)
        return True
    try:
        _publish(row)
    except Exception as exc:  # any broker or network failure: keep the row
        _broker_down_until = time.monotonic() + BROKER_BACKOFF
        OutboxTask.objects.filter(pk=pk).update(
            claimed_at=None, attempts=row.attempts + 1, last_error=repr(exc)[:2000]
        )
        log.warning("outbox send failed", extra={"task": row.task, "error": str(exc)})
        return False
    _mark_sent(row)
    return True


def _celery():
    from consult.celery import app

    return app


def _publish(row: OutboxTask) -> None:
    app = _celery()
    if app.conf.task_always_eager:
        if row.task not in app.tasks:
            with _importing:
                if row.task not in app.tasks:
                    app.loader.import_default_modules()  # every app's tasks.py
        # Not a subtask: a request (or a thread of one) running the task in
        # process; another thread's eager task must not make this refuse.
        result = app.tasks[row.task].apply(args=row.args, task_id=str(row.pk))
        result.get(disable_sync_subtasks=False)
        return
    # No publish retries: the request must not wait; the sweep retries.
    app.send_task(row.task, args=row.args, task_id=str(row.pk), retry=False)


def _mark_sent(row: OutboxTask, *, done: bool = False) -> None:
    now = timezone.now()
    OutboxTask.objects.filter(pk=row.pk).update(
        sent_at=now,
        attempts=row.attempts + 1,
        last_error="",
        **({"done_at": now} if done else {}),
    )


def mark_done(task_id) -> None:
    """The task sent as row ``task_id`` succeeded (any other id: nothing)."""
    try:
        pk = uuid.UUID(str(task_id))
    except ValueError:
        return
    OutboxTask.objects.filter(pk=pk, done_at__isnull=True).update(
        done_at=timezone.now()
    )


def _requeue_lost() -> int:
    """Rows sent long ago whose task never finished go back to waiting."""
    cutoff = timezone.now() - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
    lost = OutboxTask.objects.filter(
        sent_at__lt=cutoff, done_at__isnull=True, attempts__lt=MAX_SENDS
    )
    ids = list(lost.values_list("pk", flat=True)[:SWEEP_BATCH])
    # Conditional, like every claim: a row finished meanwhile stays done.
    requeued = lost.filter(pk__in=ids).update(sent_at=None, claimed_at=None)
    if requeued:
        log.warning(
            "outbox tasks sent but never done: sending again", extra={"count": requeued}
        )
    return requeued


def reset_backoff() -> None:
    """Forget an earlier broker failure (the sweep, which must try)."""
    global _broker_down_until
    _broker_down_until = 0.0


def sweep(*, older_than: timedelta = SWEEP_AFTER) -> int:
    """Send every task still waiting; drop sent rows past ``KEEP_SENT``.

    Idempotent: a row is sent once, by whichever process claims it.
    """
    reset_backoff()
    _requeue_lost()
    cutoff = timezone.now() - older_than
    waiting = list(
        OutboxTask.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = 0
    for pk in waiting:
        if dispatch(pk):
            sent += 1
        elif time.monotonic() < _broker_down_until:
            break  # the broker is still down: the next sweep tries again
    OutboxTask.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return sent


def waiting_count() -> int:
    return OutboxTask.objects.filter(sent_at__isnull=True).count()
