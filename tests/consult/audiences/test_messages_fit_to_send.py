"""Messages fit to send: plain text not HTML-escaped, no "reply" from a no-reply
address, text messages that say who they are from, links on the site's
address, a reason for "Not sent yet", and a bounced address a manager corrects."""

import pytest
from django.core import mail
from django.urls import reverse

from consult.audiences import corrections, tasks
from consult.audiences.models import Delivery, Invitation
from consult.audiences.sms import MemoryBackend
from tests.cms.factories import RoundFactory

from .factories import NominationFactory, ServiceFactory, manager_of, targeted_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://consult.example.gov.uk"
    round_, _ = targeted_round(consultation__title="Children's Services: your say")
    return round_


def test_email_invitations_are_plain_text_and_ask_for_no_reply(round_):
    NominationFactory(consultation=round_.consultation)
    tasks.send_round_invitations.delay(str(round_.pk))
    body = mail.outbox[0].body
    assert "Children's Services" in body and "&#x27;" not in body
    assert "reply to this e-mail" not in body
    assert "https://consult.example.gov.uk/audiences/invitation/" in body


def test_a_text_message_starts_with_who_it_is_from(round_, sms_outbox):
    service = ServiceFactory(name="Children's Centres")
    NominationFactory(
        consultation=round_.consultation,
        service=service,
        email="",
        mobile="+447700900002",
    )
    tasks.send_round_invitations.delay(str(round_.pk))
    body = sms_outbox[0]["body"]
    assert body.startswith("Children's Centres: Have your say on Children's Services")


def test_not_sent_yet_says_why(client):
    from datetime import timedelta

    from django.utils import timezone

    round_ = RoundFactory(
        consultation__audience="targeted",
        opens_at=timezone.now() + timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=9),
    )
    from tests.surveys.factories import SurveyFactory

    round_.survey = SurveyFactory()
    round_.save()
    nomination = NominationFactory(consultation=round_.consultation)
    round_.consultation.services.add(nomination.service)
    client.force_login(manager_of(nomination.service))
    page = client.get(
        reverse("audiences:nominations", args=[round_.consultation_id])
    ).content.decode()
    assert "Not sent yet" in page
    assert "It will be sent when the consultation opens" in page


def test_a_manager_corrects_a_bounced_address_and_it_is_sent_again(
    client, round_, sms_outbox, django_capture_on_commit_callbacks
):
    nomination = NominationFactory(
        consultation=round_.consultation, email="", mobile="+447700900003"
    )
    round_.consultation.services.add(nomination.service)
    MemoryBackend.refused = {"+447700900003"}
    try:
        tasks.send_round_invitations.delay(str(round_.pk))
    finally:
        MemoryBackend.refused = set()
    assert Invitation.objects.get().failed_at is not None
    client.force_login(manager_of(nomination.service))
    listing = reverse("audiences:nominations", args=[round_.consultation_id])
    correct = reverse("audiences:correct", args=[nomination.pk])
    assert correct in client.get(listing).content.decode()
    bad = client.post(correct, {"email": "not an address", "mobile": ""})
    assert bad.status_code == 400 and "correct format" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(correct, {"email": "Right@Example.org", "mobile": ""})
    assert done.status_code == 302
    assert mail.outbox[0].to == ["right@example.org"]
    invitation = Invitation.objects.get()
    assert invitation.failed_at is None and invitation.sent_at is not None
    assert Delivery.objects.filter(outcome="failed").count() == 1  # history kept
    assert not corrections.can_correct(nomination)
    assert client.get(correct).status_code == 302  # nothing left to correct
