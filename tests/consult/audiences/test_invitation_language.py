"""Invitations in the nominee's language: the e-mail, the text message, the
reminder and the review period's invitation are written in it (the Polish demo
translation, locale/pl), and the link opens the survey's version in it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consult.audiences import tasks
from consult.audiences.models import Delivery, Invitation
from surveys.models import Round, SurveyVersion

from .factories import NominationFactory, targeted_round
from .helpers import send
from .review_helpers import DAY, closed_consultation, consent, open_review

pytestmark = pytest.mark.django_db

POLISH_INVITATION = "Jedna z naszych służb zaprasza Cię do wyrażenia opinii."
ENGLISH_INVITATION = "One of our services has invited you to tell us what you think."


@pytest.fixture
def round_():
    round_, _ = targeted_round(consultation__title="Family hubs")
    return round_


def test_a_polish_nominee_is_invited_in_polish(round_):
    NominationFactory(consultation=round_.consultation, preferred_language="pl")
    tasks.send_round_invitations.delay(str(round_.pk))
    message = mail.outbox[0]
    assert POLISH_INVITATION in message.body and ENGLISH_INVITATION not in message.body
    assert "Aby odpowiedzieć, użyj swojego osobistego linku:" in message.body
    assert message.subject == "Zaproszenie do wyrażenia opinii: Family hubs"


def test_an_english_nominee_and_one_of_no_language_are_invited_in_english(round_):
    NominationFactory(consultation=round_.consultation, preferred_language="en-gb")
    NominationFactory(consultation=round_.consultation, preferred_language="")
    tasks.send_round_invitations.delay(str(round_.pk))
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert ENGLISH_INVITATION in message.body
        assert message.subject == "You are invited to have your say: Family hubs"


def test_the_reminder_and_the_text_message_are_in_polish_too(round_, sms_outbox):
    by_email = NominationFactory(
        consultation=round_.consultation, preferred_language="pl"
    )
    NominationFactory(
        consultation=round_.consultation,
        preferred_language="pl",
        email="",
        mobile="+447700900009",
    )
    tasks.send_round_invitations.delay(str(round_.pk))
    assert "Twój osobisty link:" in sms_outbox[0]["body"]
    invitation = Invitation.objects.get(nomination=by_email)
    send(invitation, kind=Delivery.Kind.REMINDER)
    reminder = mail.outbox[-1]
    assert reminder.subject == "Przypomnienie: wyraź opinię o „Family hubs”"
    assert "Zastępuje on link wysłany wcześniej." in reminder.body


def test_a_review_invitation_is_in_the_language_of_the_version_answered():
    consultation, _, answers, _ = closed_consultation()
    answers[0].response.variant = "pl"
    consent(answers[0].response, "rodzic@example.org")
    consent(answers[1].response, "parent@example.org")
    round_ = open_review(consultation, opens_in=DAY)
    Round.objects.filter(pk=round_.pk).update(opens_at=timezone.now() - DAY)
    tasks.send_due_invitations.delay().get()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["rodzic@example.org"].subject.startswith(
        "Czy dobrze Cię zrozumieliśmy?"
    )
    assert by_address["parent@example.org"].subject.startswith("Did we hear you right?")


def test_the_link_opens_the_survey_in_the_nominees_language(client, round_):
    SurveyVersion.objects.create(survey=round_.survey, variant="pl", name="Polski")
    polish = NominationFactory(
        consultation=round_.consultation, preferred_language="pl"
    )
    english = NominationFactory(consultation=round_.consultation)
    for nomination, start in (
        (polish, f"/pl/respond/{round_.pk}/?variant=pl"),
        (english, f"/respond/{round_.pk}/"),
    ):
        invitation = Invitation.objects.create(
            nomination=nomination,
            round=round_,
            expires_at=round_.closes_at + timedelta(days=1),
        )
        token = send(invitation)
        response = client.get(f"/audiences/invitation/{token}/")
        assert response.status_code == 302 and response.url == start


def test_without_a_polish_version_the_link_opens_the_survey_as_it_is(client, round_):
    nomination = NominationFactory(
        consultation=round_.consultation, preferred_language="pl"
    )
    invitation = Invitation.objects.create(
        nomination=nomination, round=round_, expires_at=round_.closes_at
    )
    response = client.get(f"/audiences/invitation/{send(invitation)}/")
    assert response.url == f"/respond/{round_.pk}/"
