"""Demo nominations for the targeted consultation, in every status.

Runs after the surveys exist (see cms' seed_demo). Invitations go out through
the real sending code, so in the embedded default they land in var/outbox/
(e-mail) and var/outbox/sms/ (text messages), links included.
"""

from django.utils import timezone

from surveys.models import Draft
from surveys.services import submit_draft

from . import delivery, services
from .contacts import normalise_mobile
from .models import Delivery, Invitation, Nomination

P = Nomination.Relationship
# (name, e-mail, mobile, relationship, language code, access needs, service, status)
NOMINEES = (
    (
        "Priya Shah",
        "priya.shah@example.org",
        "",
        P.PARENT_CARER,
        "en-gb",
        "",
        "childrens-centres",
        "responded",
    ),
    (
        "Jordan Blake",
        "",
        "07700 900123",
        P.YOUNG_PERSON,
        "en-gb",
        "Easy read",
        "childrens-centres",
        "started",
    ),
    (
        "Ewa Nowak",
        "ewa.nowak@example.org",
        "",
        P.PARENT_CARER,
        "pl",
        "An interpreter for a phone call",
        "childrens-centres",
        "opened",
    ),
    (
        "Tom Reid",
        "tom.reid@example.org",
        "07700 900456",
        P.PARENT_CARER,
        "en-gb",
        "",
        "childrens-centres",
        "invited",
    ),
    (
        "Amina Yusuf",
        "amina.yusuf@example.invalid",
        "",
        P.PARENT_CARER,
        "",  # Somali: not a site language, so noted in the access needs
        "Preferred language: Somali",
        "childrens-centres",
        "bounced",
    ),
    (
        "Dee Carter",
        "dee.carter@example.org",
        "",
        P.PROFESSIONAL,
        "en-gb",
        "",
        "childrens-centres",
        "not_sent",
    ),
    (
        "Leon Price",
        "leon.price@example.org",
        "",
        P.PARENT_CARER,
        "en-gb",
        "",
        "targeted-services",
        "invited",
    ),
)


def seed(demo: dict) -> None:
    consultation = demo.get("consultations", {}).get("targeted")
    service_by_slug = demo.get("services", {})
    if consultation is None or not service_by_slug:
        return
    round_ = consultation.main_round
    manager = demo.get("users", {}).get("Service manager")
    for name, email, mobile, relationship, language, needs, slug, status in NOMINEES:
        nomination = Nomination.objects.create(
            consultation=consultation,
            service=service_by_slug[slug],
            nominated_by=manager,
            name=name,
            email=email,
            mobile=normalise_mobile(mobile),
            relationship=relationship,
            preferred_language=language,
            access_needs=needs,
            consent_to_contact=True,
            consent_recorded_at=timezone.now(),
        )
        services.ensure_invitations(round_=round_, nominations=[nomination])
        invitation = Invitation.objects.get(nomination=nomination, round=round_)
        if status != "not_sent":
            delivery.deliver(invitation_id=invitation.pk, kind=Delivery.Kind.INVITATION)
        _advance(invitation, status)
    demo["nominations"] = len(NOMINEES)


def _advance(invitation: Invitation, status: str) -> None:
    """Move a sent invitation on to the status the demo shows."""
    now = timezone.now()
    if status == "bounced":
        Invitation.objects.filter(pk=invitation.pk).update(failed_at=now)
        Delivery.objects.filter(invitation=invitation).update(
            outcome=Delivery.Outcome.FAILED,
            reason="550 5.1.1 The e-mail account does not exist",
        )
    if status in ("opened", "started", "responded"):
        services.mark_opened(invitation=invitation)
    if status in ("started", "responded"):
        survey = invitation.round.survey
        first_required = survey.questions.filter(required=True).order_by("sort_order")
        answers = {str(q.pk): q.choices()[1] for q in first_required if q.choices()}
        draft = Draft.objects.create(
            round=invitation.round,
            admitted_by=invitation.admission_key,
            answers=answers,
        )
        if status == "responded":
            submit_draft(draft_id=draft.pk)
