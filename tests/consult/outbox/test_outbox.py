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
