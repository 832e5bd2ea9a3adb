"""Celery tasks: invitations when a round opens, reminders, expiry, retention.

All take ids, re-fetch, and are idempotent: sending claims each message first
(see ``delivery.py``), so a retried, duplicated or overlapping run sends
nothing twice. The beat schedule is in ``consult/settings/base.py``.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from surveys.models import Round

from . import delivery, services
from .models import Delivery, Invitation

log = logging.getLogger(__name__)

CHUNK = 100  # messages per task: many workers share a large round


def _chunks(ids: list, size: int = CHUNK):
    for start in range(0, len(ids), size):
        yield [str(i) for i in ids[start : start + size]]


@shared_task(name="audiences.send_due_invitations")
def send_due_invitations() -> int:
    """Beat: for each targeted round open now, send the invitations not yet sent."""
    rounds = list(services.open_rounds_to_invite().values_list("pk", flat=True))
    for round_id in rounds:
        send_round_invitations.delay(str(round_id))
    return len(rounds)


@shared_task(name="audiences.send_round_invitations")
def send_round_invitations(round_id: str) -> int:
    """Invite every nominee of an open round who has not been sent an invitation.

    Main rounds get an invitation per nomination; other rounds send only the
    invitations made for them. Fans out in chunks so workers share the work.
    """
    round_ = Round.objects.select_related("consultation").filter(pk=round_id).first()
    if round_ is None or not round_.is_open_at():
        return 0
    if round_.kind == Round.Kind.MAIN:
        services.ensure_invitations(round_=round_)
    ids = list(
        Invitation.objects.filter(round=round_).unsent().values_list("pk", flat=True)
    )
    for chunk in _chunks(ids):
        send_messages.delay(chunk, Delivery.Kind.INVITATION)
    log.info("invitations queued", extra={"round": round_id, "count": len(ids)})
    return len(ids)


@shared_task(
    name="audiences.send_messages",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def send_messages(invitation_ids: list[str], kind: str) -> int:
    """Send one chunk of invitations or reminders; each at most once, ever."""
    sent = 0
    for number, invitation_id in enumerate(invitation_ids, start=1):
        sent += delivery.deliver(invitation_id=invitation_id, kind=kind)
        if number % 25 == 0:
            log.info(
                "sending progress",
                extra={"kind": kind, "done": number, "of": len(invitation_ids)},
            )
    log.info("messages sent", extra={"kind": kind, "sent": sent})
    return sent


@shared_task(name="audiences.send_due_reminders")
def send_due_reminders() -> int:
    """Beat: remind those invited who have not responded, N days before close.

    N is ``AUDIENCES_REMINDER_DAYS_BEFORE_CLOSE``. One reminder each, ever.
    """
    closing_before = timezone.now() + timedelta(
        days=settings.AUDIENCES_REMINDER_DAYS_BEFORE_CLOSE
    )
    ids = list(
        Invitation.objects.due_reminder(closing_before=closing_before).values_list(
            "pk", flat=True
        )
    )
    for chunk in _chunks(ids):
        send_messages.delay(chunk, Delivery.Kind.REMINDER)
    log.info("reminders queued", extra={"count": len(ids)})
    return len(ids)


@shared_task(name="audiences.expire_invitations")
def expire_invitations() -> int:
    """Beat: close the links of rounds that have closed."""
    return services.expire_invitations()


@shared_task(name="audiences.purge_nominee_contacts")
def purge_nominee_contacts() -> int:
    """Beat: delete nominee contact details past the retention period, and
    respondents' addresses once their consent no longer needs them."""
    services.purge_respondent_contacts()
    return services.purge_contacts_past_retention()
