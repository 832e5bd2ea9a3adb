"""A receipt whose sending failed (a worker killed mid-send, an SMTP outage)
is sent when the task runs again: the fault run (tests/resilience/) lost 3 of
2,000 receipts when the stamp was committed before the e-mail went."""

import pytest
from django.core import mail
from django.test import override_settings

from surveys.models import Response
from surveys.tasks import send_receipt
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_receipts_and_links import send

pytestmark = pytest.mark.django_db

NO_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,  # nothing listens: the send fails after the stamp
    "EMAIL_TIMEOUT": 2,
}


def test_a_failed_send_leaves_the_receipt_to_send_again(
    client, django_capture_on_commit_callbacks
):
    round_, q = survey_round()
    start_response(client, round_)
    send(client, round_, q, django_capture_on_commit_callbacks)  # no e-mail yet
    response = Response.objects.get()
    Response.objects.filter(pk=response.pk).update(contact_email="p@example.org")
    with override_settings(**NO_SMTP), pytest.raises(OSError):
        send_receipt(str(response.pk))
    response.refresh_from_db()
    assert response.receipt_sent_at is None  # not stamped: nothing was sent
    assert send_receipt(str(response.pk)) is True
    assert len(mail.outbox) == 1 and response.reference in mail.outbox[0].subject
    assert send_receipt(str(response.pk)) is False  # and never twice
    assert len(mail.outbox) == 1
