"""E-mails about responses, sent by Celery after the response has committed."""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .links import absolute_reverse
from .models import Draft, Response
from .tokens import new_token

log = logging.getLogger(__name__)


@shared_task(name="surveys.send_receipt")
def send_receipt(response_id: str, site: str = "") -> bool:
    """E-mail the reference and a personal link to view or withdraw the response.

    ``site``: the address the respondent used (the configured one if blank).

    Sent exactly once: the row is locked, stamped (receipt_sent_at, a new link
    hash) and the e-mail sent in one transaction, so a task retried after a
    worker died mid-send (before the commit) sends it, and one retried after
    the commit sends nothing. Stamping first and sending after the commit lost
    the receipt of a worker killed in between (3 of 2,000 in the fault run,
    tests/resilience/).
    """
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",))
            .select_related("round__consultation")
            .filter(pk=response_id, receipt_sent_at__isnull=True)
            .exclude(contact_email="")
            .first()
        )
        if response is None:
            return False
        token, token_hash = new_token()
        Response.objects.filter(pk=response.pk).update(
            receipt_sent_at=timezone.now(), manage_token_hash=token_hash
        )
        context = {
            "response": response,
            "link": absolute_reverse("surveys:manage", site=site, token=token),
        }
        send_mail(
            subject=(
                f"Your response {response.reference}: "
                f"{response.round.consultation.title}"
            ),
            message=render_to_string("surveys/emails/receipt.txt", context),
            from_email=None,
            recipient_list=[response.contact_email],
        )
    log.info("receipt sent", extra={"response": str(response.pk)})
    return True


@shared_task(name="surveys.send_resume_link")
def send_resume_link(draft_id: str, email: str, link: str) -> None:
    """E-mail a save-and-return link. The caller made the token; it is not stored."""
    draft = (
        Draft.objects.select_related("round__consultation").filter(pk=draft_id).first()
    )
    if draft is None:
        return
    send_mail(
        subject=f"Continue your response: {draft.round.consultation.title}",
        message=render_to_string(
            "surveys/emails/resume.txt", {"draft": draft, "link": link}
        ),
        from_email=None,
        recipient_list=[email],
    )


@shared_task(name="surveys.send_manage_link")
def send_manage_link(response_id: str, site: str = "") -> bool:
    """E-mail a new view-or-withdraw link, asked for with the reference and address.

    Each call makes a new link that replaces the earlier one; the form that
    asks for it is rate-limited.
    """
    token, token_hash = new_token()
    updated = (
        Response.objects.filter(pk=response_id)
        .exclude(contact_email="")
        .update(manage_token_hash=token_hash)
    )
    if not updated:
        return False
    response = Response.objects.select_related("round__consultation").get(
        pk=response_id
    )
    context = {
        "response": response,
        "link": absolute_reverse("surveys:manage", site=site, token=token),
    }
    send_mail(
        subject=f"View or withdraw your response {response.reference}",
        message=render_to_string("surveys/emails/manage_link.txt", context),
        from_email=None,
        recipient_list=[response.contact_email],
    )
    log.info("manage link sent", extra={"response": str(response.pk)})
    return True
