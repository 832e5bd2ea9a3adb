"""Nominee contact details go on the retention schedule after the outcome."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from consult.audiences import tasks
from consult.audiences.models import Delivery, Invitation, Nomination

from .factories import NominationFactory, invited, targeted_round
from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(settings):
    settings.AUDIENCES_CONTACT_RETENTION_DAYS = 90
    round_, _ = targeted_round()
    nomination = NominationFactory(
        consultation=round_.consultation,
        mobile="+447700900777",
        preferred_language="Polish",
        access_needs="Interpreter",
    )
    invitation = invited(nomination, round_)
    send(invitation)
    Delivery.objects.update(reason="550 <someone@example.org> refused")
    return round_.consultation, nomination


def _publish(consultation, days_ago):
    consultation.outcome_published_at = timezone.now() - timedelta(days=days_ago)
    consultation.save()


def test_nothing_is_purged_before_the_outcome_or_within_the_period(sent):
    consultation, nomination = sent
    assert tasks.purge_nominee_contacts.delay().get() == 0
    _publish(consultation, 89)
    assert tasks.purge_nominee_contacts.delay().get() == 0
    nomination.refresh_from_db()
    assert not nomination.is_erased


def test_contacts_are_purged_after_the_period_once(sent):
    consultation, nomination = sent
    _publish(consultation, 91)
    assert tasks.purge_nominee_contacts.delay().get() == 1
    assert tasks.purge_nominee_contacts.delay().get() == 0
    nomination.refresh_from_db()
    assert nomination.contact_erased_reason == Nomination.ErasureReason.RETENTION
    for field in ("name", "email", "mobile", "preferred_language", "access_needs"):
        assert getattr(nomination, field) == ""
    assert not Invitation.objects.filter(token_hash__isnull=False).exists()
    assert Delivery.objects.get().reason == ""
    # The row stays, so counts by service and relationship stay true.
    assert Nomination.objects.filter(service=nomination.service).count() == 1


def test_the_management_command_purges_and_says_how_many(sent, capsys):
    consultation, _ = sent
    _publish(consultation, 100)
    call_command("purge_nominee_contacts")
    call_command("purge_nominee_contacts")
    out = capsys.readouterr().out
    assert "Deleted the contact details of 1 nominee " in out
    assert "Deleted the contact details of 0 nominees" in out
