"""D2: after-commit work is recorded with the commit and sent after it, once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from consult.outbox import services as outbox
from consult.outbox.models import OutboxTask
from surveys.models import Response
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def send_response(client, round_, q, **receipt):
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    client.post(first, {str(q["who"].pk): "Parent or carer"})
    second = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2})
    client.post(second, {str(q["views"].pk): "The centre is too far away"})
    return client.post(
        reverse("surveys:check", kwargs={"round_id": round_.pk}), receipt
    )


def test_a_submission_records_its_receipt_and_analysis_in_the_outbox(
    client, django_capture_on_commit_callbacks
):
    round_, q = survey_round()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert (
            send_response(client, round_, q, email="p@example.org").status_code == 200
        )
    # Recorded with the response, before anything was sent.
    assert sorted(OutboxTask.objects.values_list("task", flat=True)) == [
        "analysis.analyse_submitted_answers",
        "surveys.send_receipt",
    ]
    assert not OutboxTask.objects.filter(sent_at__isnull=False).exists()
    for callback in callbacks:
        callback()
    assert OutboxTask.objects.filter(sent_at__isnull=True).count() == 0
    assert len(mail.outbox) == 1


def test_nothing_is_recorded_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("surveys.send_receipt", "no-such-response")
        raise RuntimeError
    assert not OutboxTask.objects.exists()


def test_the_sweep_sends_what_was_left_once(django_capture_on_commit_callbacks):
    round_, q = survey_round()
    response = Response.objects.create(
        round=round_, reference="SB-TEST0001", contact_email="p@example.org"
    )
    # A row left behind: committed, never dispatched (the broker was down).
    OutboxTask.objects.create(task="surveys.send_receipt", args=[str(response.pk)])
    assert outbox.sweep(older_than=timedelta(0)) == 1
    assert outbox.sweep(older_than=timedelta(0)) == 0
    assert len(mail.outbox) == 1
    assert OutboxTask.objects.get().sent_at is not None


def test_a_row_claimed_by_a_live_dispatcher_is_not_sent_again():
    from django.utils import timezone

    row = OutboxTask.objects.create(
        task="surveys.send_receipt", args=["x"], claimed_at=timezone.now()
    )
    assert outbox.dispatch(row.pk) is False
    row.refresh_from_db()
    assert row.sent_at is None


def _receipt_row(round_, **fields):
    response = Response.objects.create(
        round=round_, reference="SB-LOST0001", contact_email="p@example.org"
    )
    row = OutboxTask.objects.create(
        task="surveys.send_receipt", args=[str(response.pk)], **fields
    )
    if row.sent_at:  # recorded when it was sent
        OutboxTask.objects.filter(pk=row.pk).update(created_at=row.sent_at)
    return row


def test_a_task_sent_but_never_done_is_sent_again_once(settings):
    """The 10,000-submission fault run lost one receipt: Redis stopped just
    after a worker popped the message, before it was recorded as unacked."""
    from django.utils import timezone

    settings.OUTBOX_REDELIVER_AFTER = 600
    round_, _ = survey_round()
    long_ago = timezone.now() - timedelta(hours=1)
    row = _receipt_row(round_, sent_at=long_ago, claimed_at=long_ago, attempts=1)
    assert outbox.sweep() == 1
    row.refresh_from_db()
    assert row.done_at is not None and row.attempts == 2
    assert outbox.sweep() == 0
    assert len(mail.outbox) == 1


def test_done_recent_and_much_tried_tasks_are_not_sent_again(settings):
    from django.utils import timezone

    settings.OUTBOX_REDELIVER_AFTER = 600
    round_, _ = survey_round()
    now = timezone.now()
    long_ago = now - timedelta(hours=1)
    done = _receipt_row(round_, sent_at=long_ago, done_at=long_ago)
    recent = OutboxTask.objects.create(task="x", args=[], sent_at=now)
    tried = OutboxTask.objects.create(
        task="x", args=[], sent_at=long_ago, attempts=outbox.MAX_SENDS
    )
    assert outbox.sweep() == 0
    assert mail.outbox == []
    for row in (done, recent, tried):
        row.refresh_from_db()
        assert row.sent_at is not None


def test_a_task_that_succeeds_marks_its_row_done():
    """What a worker does (Celery's task_success): the task id is the row's."""
    from django.utils import timezone

    from consult.celery import app

    round_, _ = survey_round()
    row = _receipt_row(round_, sent_at=timezone.now())
    app.loader.import_default_modules()
    app.tasks["surveys.send_receipt"].apply(args=row.args, task_id=str(row.pk))
    row.refresh_from_db()
    assert row.done_at is not None
    failing = OutboxTask.objects.create(task="x", args=[], sent_at=timezone.now())
    outbox.mark_done("not-a-uuid")
    failing.refresh_from_db()
    assert failing.done_at is None
