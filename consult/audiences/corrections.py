"""After a bounce: the service manager corrects the address and the invitation
goes again; and, for an invitation not sent yet, the reason why.

A bounced message is never retried as it was (delivery.py): a second copy to
a refused address helps nobody. A corrected address is a new address, so the
claim on the invitation is released and the invitation sent once more, with
a new link. The failed deliveries stay, as the record of what happened.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, Nomination
from .services import _send_on_commit

log = logging.getLogger(__name__)


def can_correct(nomination: Nomination) -> bool:
    """A bounced invitation to a round still open, to someone with details kept."""
    return (
        not nomination.is_erased
        and nomination.invitations.filter(
            failed_at__isnull=False,
            responded_at__isnull=True,
            round__closes_at__gt=timezone.now(),
        ).exists()
    )


@transaction.atomic
def correct_contact(*, nomination: Nomination, email: str, mobile: str, by) -> int:
    """New contact details for a nominee whose message bounced; send again.

    ``email`` and ``mobile`` are normalised (contacts.py). Releases the claim
    of each bounced invitation to an open round (sent, failed, reminder and
    link cleared) and sends it once this commits. Idempotent in effect: a
    second call finds nothing bounced once the new message is sent. Returns
    how many invitations go again.
    """
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    nomination.email, nomination.mobile = email, mobile
    nomination.save(update_fields=["email", "mobile", "updated_at"])
    bounced = Invitation.objects.filter(
        nomination=nomination,
        failed_at__isnull=False,
        responded_at__isnull=True,
        round__closes_at__gt=timezone.now(),
    )
    ids = list(bounced.values_list("pk", flat=True))
    bounced.update(
        sent_at=None,
        failed_at=None,
        reminder_sent_at=None,
        token_hash=None,
        updated_at=timezone.now(),
    )
    opened = [
        i.pk for i in Invitation.objects.filter(pk__in=ids) if i.round.is_open_at()
    ]
    if opened:
        _send_on_commit(opened)
    log.info(
        "nominee contact corrected",
        extra={
            "nomination": str(nomination.pk),
            "resent": len(opened),
            "by": str(by.pk) if by else None,
        },
    )
    return len(opened)


def not_sent_reason(nomination: Nomination, round_) -> str:
    """Why a nominee's invitation has not gone yet, in words a manager can act on."""
    now = timezone.now()
    if round_ is None or round_.survey_id is None:
        return _("The consultation has no survey to invite people to yet.")
    if not (nomination.email or nomination.mobile):
        return _("There is no e-mail address or mobile number to send it to.")
    if now < round_.opens_at:
        return _("It will be sent when the consultation opens, %(when)s.") % {
            "when": format_date(timezone.localtime(round_.opens_at), "j F Y, g:i a")
        }
    if now >= round_.closes_at:
        return _("The consultation closed before it was sent.")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return _("Due now: an officer can send it at once from this page.")
    return _("Due now: invitations are sent every 15 minutes.")
