"""E-mails about responses, sent by Celery after the response has committed."""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .languages import respondent_language
from .links import absolute_reverse
from .models import Draft, Response
from .tokens import new_token

log = logging.getLogger(__name__)


@shared_task(name="surveys.send_receipt")
def send_receipt(response_id: str, site: str = "", language: str = "") -> bool:
    """E-mail the reference and a personal link to view or withdraw the response.

    ``site``: the address the respondent used (the configured one if blank);
    ``language``: the language of their pages (else their version's).

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
        with translation.override(respondent_language(language, response.variant)):
            # Inside the override, the link keeps the language too (/pl/...).
            context = {
                "response": response,
                "link": absolute_reverse("surveys:manage", site=site, token=token),
            }
            subject = _("Your response %(reference)s: %(title)s") % {
                "reference": response.reference,
                "title": response.round.consultation.title,
            }
            message = render_to_string("surveys/emails/receipt.txt", context)
        send_mail(
            subject=subject,
            message=message,
            from_email=None,
            recipient_list=[response.contact_email],
        )
    log.info("receipt sent", extra={"response": str(response.pk)})
    return True


@shared_task(name="surveys.send_resume_link")
def send_resume_link(draft_id: str, email: str, link: str, language: str = "") -> None:
    """E-mail a save-and-return link. The caller made the token; it is not stored.

    In ``language`` (the respondent's pages), else their version's."""
    draft = (
        Draft.objects.select_related("round__consultation").filter(pk=draft_id).first()
    )
    if draft is None:
        return
    with translation.override(respondent_language(language, draft.variant)):
        subject = _("Continue your response: %(title)s") % {
            "title": draft.round.consultation.title
        }
        message = render_to_string(
            "surveys/emails/resume.txt", {"draft": draft, "link": link}
        )
    send_mail(
        subject=subject,
        message=message,
        from_email=None,
        recipient_list=[email],
    )


@shared_task(name="surveys.send_manage_link")
def send_manage_link(response_id: str, site: str = "", language: str = "") -> bool:
    """E-mail a new view-or-withdraw link, asked for with the reference and address.

    Each call makes a new link that replaces the earlier one; the form that
    asks for it is rate-limited. In ``language`` (the pages it was asked
    from), else the version's.
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
    with translation.override(respondent_language(language, response.variant)):
        context = {
            "response": response,
            "link": absolute_reverse("surveys:manage", site=site, token=token),
        }
        subject = _("View or withdraw your response %(reference)s") % {
            "reference": response.reference
        }
        message = render_to_string("surveys/emails/manage_link.txt", context)
    send_mail(
        subject=subject,
        message=message,
        from_email=None,
        recipient_list=[response.contact_email],
    )
    log.info("manage link sent", extra={"response": str(response.pk)})
    return True
