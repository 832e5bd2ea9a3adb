"""Sending invitations and reminders by e-mail or text message, at most once each.

Each message is claimed before it is sent: one UPDATE sets ``sent_at`` (or
``reminder_sent_at``) and the new link's hash on the invitation's own row, only
where it is still empty. The database lets one caller win; a retried or
duplicated task finds nothing to claim and sends nothing. A message whose
sending fails after its claim is recorded as a failure, never re-sent: a
second copy is worse than a visible failure the service manager can act on.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consult.analysis.redaction import redact
from surveys.languages import respondent_language
from surveys.links import absolute_reverse, absolute_url
from surveys.page_links import consultation_url
from surveys.tokens import new_token

from .models import Delivery, Invitation
from .sms import SmsRefused, send_sms

log = logging.getLogger(__name__)

CLAIM_FIELD = {
    Delivery.Kind.INVITATION: "sent_at",
    Delivery.Kind.REMINDER: "reminder_sent_at",
}


def invitation_link(token: str) -> str:
    return absolute_reverse("audiences:invitation", token=token)


def _is_due(invitation: Invitation, kind: str) -> bool:
    now = timezone.now()
    if invitation.recipient.is_erased or not invitation.round.is_open_at(now):
        return False
    if kind == Delivery.Kind.REMINDER:
        return bool(
            invitation.sent_at
            and not invitation.responded_at
            and not invitation.failed_at
        )
    return True


def deliver(*, invitation_id, kind: str) -> bool:
    """Send one invitation or reminder, once. True if this call claimed it.

    Idempotent: the claim is a conditional UPDATE on the invitation's row, so
    only one of any number of concurrent or repeated calls sends. A reminder
    carries a new link, which replaces the earlier one.
    """
    invitation = (
        Invitation.objects.select_related(
            "nomination", "response", "round__consultation"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not _is_due(invitation, kind):
        return False
    field = CLAIM_FIELD[kind]
    token, token_hash = new_token()
    now = timezone.now()
    claimed = Invitation.objects.filter(pk=invitation.pk, **{field: None}).update(
        **{field: now, "token_hash": token_hash, "updated_at": now}
    )
    if not claimed:
        return False
    nomination = invitation.recipient
    channel = Invitation.Channel.EMAIL if nomination.email else Invitation.Channel.SMS
    # In the recipient's language, as receipts are; the consultation page's
    # link then goes to its translation, if it has one.
    language = respondent_language(nomination.preferred_language)
    try:
        with translation.override(language):
            _send(channel, nomination, _context(invitation, token, kind))
    except (smtplib.SMTPException, OSError, SmsRefused) as exc:
        reason = failure_reason(exc)
        Invitation.objects.filter(pk=invitation.pk).update(
            failed_at=timezone.now(), channel=channel
        )
        Delivery.objects.create(
            invitation=invitation,
            kind=kind,
            channel=channel,
            outcome=Delivery.Outcome.FAILED,
            reason=reason,
        )
        log.warning(
            "audiences delivery failed",
            extra={
                "invitation": str(invitation.pk),
                "kind": kind,
                "channel": channel,
                "reason": reason,
            },
        )
        return True
    Invitation.objects.filter(pk=invitation.pk).update(channel=channel)
    Delivery.objects.create(
        invitation=invitation, kind=kind, channel=channel, outcome=Delivery.Outcome.SENT
    )
    log.info(
        "audiences message sent",
        extra={"invitation": str(invitation.pk), "kind": kind, "channel": channel},
    )
    return True


def _context(invitation: Invitation, token: str, kind: str) -> dict:
    nomination = invitation.recipient
    service = getattr(getattr(nomination, "service", None), "name", "")
    return {
        "name": nomination.name,
        "consultation": invitation.round.consultation,
        "round": invitation.round,
        "link": invitation_link(token),
        "reminder": kind == Delivery.Kind.REMINDER,
        "service": service,
        # A text message says first who it is from: the service, or the site.
        "sender": service or settings.WAGTAIL_SITE_NAME,
        "consultation_link": _page_link(invitation.round.consultation),
    }


def _subject(context: dict) -> str:
    title = {"title": context["consultation"].title}
    if context["round"].kind == context["round"].Kind.REVIEW:
        return _("Did we hear you right? %(title)s") % title
    if context["reminder"]:
        return _("Reminder: have your say on %(title)s") % title
    return _("You are invited to have your say: %(title)s") % title


def _send(channel: str, nomination, context: dict) -> None:
    if channel == Invitation.Channel.EMAIL:
        subject = _subject(context)
        send_mail(
            subject=subject,
            message=render_to_string(_email_template(context["round"]), context),
            from_email=None,
            recipient_list=[nomination.email],
        )
    else:
        send_sms(
            to=nomination.mobile,
            body=render_to_string("audiences/emails/invitation_sms.txt", context),
        )


def _page_link(consultation) -> str:
    link = consultation_url(consultation)
    return absolute_url(link) if link.startswith("/") else link


def _email_template(round_) -> str:
    # Review period: the e-mail says what we heard (review.py).
    if round_.kind == round_.Kind.REVIEW:
        return "audiences/emails/review_invitation.txt"
    return "audiences/emails/invitation.txt"


def failure_reason(exc: Exception) -> str:
    """What the server said, without the addresses or numbers it may quote."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        reasons = [
            f"{code} {_text(message)}" for code, message in exc.recipients.values()
        ]
        text = "; ".join(reasons) or "the mail server refused the address"
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{exc.smtp_code} {_text(exc.smtp_error)}"
    else:
        text = str(exc) or exc.__class__.__name__
    return redact(text).strip()[:500]


def _text(message) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else message
