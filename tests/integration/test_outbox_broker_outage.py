"""D2: the broker is unreachable at "Send". The respondent gets the confirmation
at once, the receipt and the analysis wait in the outbox, and beat's sweep
sends each once when the broker is back; a real worker then does them."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from consult.analysis.models import AnswerAnalysis
from consult.outbox import services as outbox
from consult.outbox.models import OutboxTask
from surveys.models import Response
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.integration

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def use_broker(app, url):
    """Point this process's Celery at ``url``, dropping pooled connections."""
    app.conf.update(broker_url=url, broker_write_url=url)
    # Celery keeps no public reset; kombu's pools are keyed by the URL, so the
    # real broker's pool is found again when switching back.
    app._pool = None  # noqa: SLF001
    app.amqp._producer_pool = None  # noqa: SLF001


def send_response(client, round_, q):
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    client.post(first, {str(q["who"].pk): "Parent or carer"})
    second = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2})
    client.post(second, {str(q["views"].pk): "The centre is too far away"})
    check = reverse("surveys:check", kwargs={"round_id": round_.pk})
    return client.post(check, {"email": "parent@example.org"})


def test_a_broker_outage_at_send_loses_nothing_and_the_sweep_sends_once(
    celery_workers, client
):
    app = celery_workers.app
    round_, q = survey_round()
    broker = app.conf.broker_url
    use_broker(app, UNREACHABLE)
    try:
        started = time.monotonic()
        page = send_response(client, round_, q)
        took = time.monotonic() - started
    finally:
        use_broker(app, broker)
    assert page.status_code == 200 and "Response sent" in page.content.decode()
    assert took < 10, f"the respondent waited {took:.1f} s on the broker"
    response = Response.objects.get()
    waiting = OutboxTask.objects.filter(sent_at__isnull=True)
    assert sorted(waiting.values_list("task", flat=True)) == [
        "analysis.analyse_submitted_answers",
        "surveys.send_receipt",
    ]
    # The first send failed; the second was left to the sweep (no second wait).
    assert sorted(row.attempts for row in waiting) == [0, 1]

    celery_workers.start()
    assert outbox.sweep(older_than=timedelta(0)) == 2
    assert outbox.sweep(older_than=timedelta(0)) == 0  # sent once, not again
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        response.refresh_from_db()
        analysed = AnswerAnalysis.objects.filter(answer__response=response).count()
        if response.receipt_sent_at and analysed:
            break
        time.sleep(0.5)
    assert response.receipt_sent_at is not None
    assert AnswerAnalysis.objects.filter(answer__response=response).count() == 1
    assert OutboxTask.objects.filter(sent_at__isnull=True).count() == 0
