"""Invitations and reminders by task: each sent once however often the task runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consult.audiences import delivery, tasks
from consult.audiences.models import Delivery, Invitation
from surveys.models import Round

from .factories import NominationFactory, invited, targeted_round
from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_nominees():
    round_, _ = targeted_round()
    consultation = round_.consultation
    by_email = [NominationFactory(consultation=consultation) for _ in range(3)]
    by_text = NominationFactory(
        consultation=consultation, email="", mobile="+447700900001"
    )
    return round_, [*by_email, by_text]


def test_due_invitations_are_sent_once_however_often_the_task_runs(
    round_with_nominees, sms_outbox
):
    round_, nominees = round_with_nominees
    assert tasks.send_due_invitations.delay().get() == 1
    assert tasks.send_due_invitations.delay().get() == 1  # runs again: sends nothing
    tasks.send_round_invitations.delay(str(round_.pk)).get()
    assert len(mail.outbox) == 3
    assert len(sms_outbox) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        n.email for n in nominees if n.email
    )
    assert Invitation.objects.filter(round=round_, sent_at__isnull=False).count() == 4
    assert Delivery.objects.filter(outcome=Delivery.Outcome.SENT).count() == 4
    sms = Invitation.objects.get(nomination=nominees[-1])
    assert sms.channel == Invitation.Channel.SMS


def test_a_repeated_message_task_sends_nothing_twice(round_with_nominees):
    round_, nominees = round_with_nominees
    tasks.send_round_invitations.delay(str(round_.pk))
    ids = [str(i) for i in Invitation.objects.values_list("pk", flat=True)]
    # A retry or a duplicate delivery of the same message, after the first ran.
    assert tasks.send_messages.delay(ids, "invitation").get() == 0
    assert tasks.send_messages.delay(ids, "invitation").get() == 0
    assert len(mail.outbox) == 3
    assert Delivery.objects.count() == 4


def test_rounds_not_open_and_other_audiences_are_not_invited(round_with_nominees):
    round_, _ = round_with_nominees
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=8),
    )
    assert tasks.send_due_invitations.delay().get() == 0
    assert tasks.send_round_invitations.delay(str(round_.pk)).get() == 0
    assert not mail.outbox and not Invitation.objects.exists()


def test_a_refused_address_is_recorded_as_bounced_and_not_retried(
    settings, round_with_nominees
):
    settings.EMAIL_BACKEND = "tests.consult.audiences.backends.RefusingEmailBackend"
    round_, nominees = round_with_nominees
    nominees[0].email = "gone@bounce.invalid"
    nominees[0].save()
    for _ in range(2):
        tasks.send_round_invitations.delay(str(round_.pk))
    failed = Invitation.objects.get(nomination=nominees[0])
    assert failed.failed_at is not None
    assert failed.status_given(started=False) == Invitation.Status.BOUNCED
    failure = Delivery.objects.get(outcome=Delivery.Outcome.FAILED)
    assert failure.reason.startswith("550 5.1.1")
    assert "User unknown" in failure.reason
    assert "gone@bounce.invalid" not in failure.reason  # addresses are not kept
    assert Delivery.objects.filter(invitation=failed).count() == 1
    # Bounced nominees get no reminder.
    Round.objects.filter(pk=round_.pk).update(
        closes_at=timezone.now() + timedelta(days=1)
    )
    tasks.send_due_reminders.delay()
    assert not Delivery.objects.filter(
        invitation=failed, kind=Delivery.Kind.REMINDER
    ).exists()


def test_a_refused_text_message_is_recorded(round_with_nominees, sms_outbox):
    from consult.audiences.sms import MemoryBackend

    round_, nominees = round_with_nominees
    MemoryBackend.refused = {"+447700900001"}
    tasks.send_round_invitations.delay(str(round_.pk))
    failure = Delivery.objects.get(outcome=Delivery.Outcome.FAILED)
    assert failure.channel == Invitation.Channel.SMS
    assert failure.reason == "the provider refused the number"
    assert not sms_outbox


def test_reminders_go_once_to_those_who_have_not_responded(
    round_with_nominees, settings
):
    settings.AUDIENCES_REMINDER_DAYS_BEFORE_CLOSE = 3
    round_, nominees = round_with_nominees
    tasks.send_round_invitations.delay(str(round_.pk))
    responded = Invitation.objects.get(nomination=nominees[0])
    Invitation.objects.filter(pk=responded.pk).update(responded_at=timezone.now())
    mail.outbox.clear()

    # A week before close: not yet due.
    assert tasks.send_due_reminders.delay().get() == 0
    Round.objects.filter(pk=round_.pk).update(
        closes_at=timezone.now() + timedelta(days=2)
    )
    # Not within a day of the invitation itself.
    assert tasks.send_due_reminders.delay().get() == 0
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=5))
    assert tasks.send_due_reminders.delay().get() == 3
    assert tasks.send_due_reminders.delay().get() == 0  # already reminded
    assert len(mail.outbox) == 2  # the third is by text message
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    assert nominees[0].email not in [m.to[0] for m in mail.outbox]
    assert Delivery.objects.filter(kind=Delivery.Kind.REMINDER).count() == 3


def test_claims_are_exclusive(round_with_nominees):
    round_, nominees = round_with_nominees
    invitation = invited(nominees[0], round_)
    send(invitation)
    assert not delivery.deliver(invitation_id=invitation.pk, kind="invitation")
    assert len(mail.outbox) == 1


def test_expiry_at_close_kills_the_links(round_with_nominees):
    round_, nominees = round_with_nominees
    tasks.send_round_invitations.delay(str(round_.pk))
    assert tasks.expire_invitations.delay().get() == 0  # still open
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(seconds=1),
    )
    assert tasks.expire_invitations.delay().get() == 4
    assert tasks.expire_invitations.delay().get() == 0
    assert not Invitation.objects.filter(token_hash__isnull=False).exists()
    assert Invitation.objects.first().status_given(started=False) == "expired"


def test_the_beat_schedule_names_real_tasks(settings):
    from consult.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "audiences.send_due_invitations",
        "audiences.send_due_reminders",
        "audiences.expire_invitations",
        "audiences.purge_nominee_contacts",
    } <= names
    assert names <= set(app.tasks)


def test_the_database_scheduler_installs_the_schedule(settings):
    """At start-up DatabaseScheduler makes each static entry a row, as here."""
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from consult.celery import app

    for name, fields in settings.CELERY_BEAT_SCHEDULE.items():
        DatabaseScheduler.Entry.from_entry(name, app=app, **fields)
    installed = {t.name: t for t in PeriodicTask.objects.select_related("interval")}
    invitations = installed["audiences-send-due-invitations"]
    assert invitations.task == "audiences.send_due_invitations"
    assert invitations.enabled
    assert (
        invitations.interval.every
        * {"seconds": 1, "minutes": 60}[invitations.interval.period]
        == 15 * 60
    )
    assert installed["audiences-purge-nominee-contacts"].task == (
        "audiences.purge_nominee_contacts"
    )
