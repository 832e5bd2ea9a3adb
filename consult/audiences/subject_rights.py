"""Subject rights: find everything held about a respondent or nominee, export it,
erase it.

Found by e-mail address (responses' receipt address, drafts, nominations,
accounts' responses) or by a response reference. Erasing deletes the responses
with their answers, analyses and theme tags (so reports, exports and searches
no longer have them), their equalities answers (by the link under every key),
their drafts, and blanks the nominees' contact details. Each export and
erasure is written to the audit log.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from surveys.equalities import response_links
from surveys.models import Draft, EqualityMonitoring, Response

from . import services
from .models import Nomination


@dataclass
class Holdings:
    """What is held about one person."""

    query: str
    responses: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    nominations: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.responses or self.drafts or self.nominations)


def find_subject(*, email: str = "", reference: str = "") -> Holdings:
    """Everything held about the person with this e-mail address or reference."""
    email, reference = email.strip(), reference.strip().upper()
    responses = Response.objects.none()
    if email:
        responses = Response.objects.filter(
            Q(contact_email__iexact=email) | Q(respondent__email__iexact=email)
        )
    if reference:
        responses = responses | Response.objects.filter(reference=reference)
    responses = list(responses.select_related("round__consultation").distinct())
    drafts = Draft.objects.filter(Q(response__in=responses) | Q(amends__in=responses))
    if email:
        drafts = drafts | Draft.objects.filter(
            Q(contact_email__iexact=email) | Q(respondent__email__iexact=email)
        )
    nominations = (
        list(
            Nomination.objects.filter(email__iexact=email).select_related(
                "consultation"
            )
        )
        if email
        else []
    )
    return Holdings(
        query=email or reference,
        responses=responses,
        drafts=list(drafts.distinct()),
        nominations=nominations,
    )


def export_subject(holdings: Holdings) -> dict:
    """The person's data as plain JSON-ready values (a subject access request)."""
    audit.record(
        AuditEntry.Action.SUBJECT_EXPORT,
        target=f"Subject {holdings.query}",
        detail=_counts(holdings),
    )
    return {
        "responses": [
            {
                "reference": r.reference,
                "consultation": str(r.round.consultation),
                "submitted_at": r.submitted_at.isoformat(),
                "contact_email": r.contact_email,
                "withdrawn": r.is_withdrawn,
                "answers": [
                    {"question": a.question.label, "answer": a.value}
                    for a in r.answers.filter(is_current=True).select_related(
                        "question"
                    )
                ],
            }
            for r in holdings.responses
        ],
        "drafts": [
            {"started": d.created_at.isoformat(), "answers": d.answers}
            for d in holdings.drafts
        ],
        "nominations": [
            {
                "consultation": str(n.consultation),
                "name": n.name,
                "email": n.email,
                "mobile": n.mobile,
                "preferred_language": n.preferred_language,
                "access_needs": n.access_needs,
            }
            for n in holdings.nominations
        ],
    }


@transaction.atomic
def erase_subject(holdings: Holdings) -> dict:
    """Delete the person's responses, drafts and equalities answers; blank their
    nominations' contact details. Idempotent: erasing again finds nothing."""
    links = [link for r in holdings.responses for link in response_links(r.pk)]
    equalities, _ = EqualityMonitoring.objects.filter(response_link__in=links).delete()
    Draft.objects.filter(pk__in=[d.pk for d in holdings.drafts]).delete()
    responses, _ = Response.objects.filter(
        pk__in=[r.pk for r in holdings.responses]
    ).delete()
    erased = sum(
        services.erase_contact(nomination=n, reason=Nomination.ErasureReason.REQUEST)
        for n in holdings.nominations
    )
    audit.record(
        AuditEntry.Action.ERASURE,
        target=f"Subject {holdings.query}",
        detail=_counts(holdings),
    )
    return {
        "responses": len(holdings.responses),
        "equalities": equalities,
        "nominations": erased,
        "rows_deleted": responses,
    }


def _counts(holdings: Holdings) -> str:
    return (
        f"{len(holdings.responses)} responses, {len(holdings.drafts)} drafts, "
        f"{len(holdings.nominations)} nominations"
    )
