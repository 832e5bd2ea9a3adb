"""Subject rights: find everything held about a respondent or nominee, export it,
erase it.

Found by e-mail address (responses' receipt address, drafts, nominations,
accounts' responses) or by a response reference. Erasing deletes the responses
with their answers, analyses and theme tags, their equalities answers (by the
link under every key), their drafts, and blanks the nominees' contact details;
``surveys.signals.response_erased`` tells the reports to drop their copies, so
reports, exports and searches no longer have them. Every look-up, export and
erasure is written to the audit log. The management command
(``subject_rights``) and the officers' admin page (``subject_rights_admin.py``)
both call these.
"""

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from surveys.equalities import response_links
from surveys.models import Draft, EqualityMonitoring, Question, Response
from surveys.signals import response_erased

from . import services
from .models import Invitation, Nomination


@dataclass
class Holdings:
    """What is held about one person."""

    query: str
    responses: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    nominations: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    # Ids of the responses that have equalities answers linked to them.
    with_equalities: set = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.responses or self.drafts or self.nominations)

    def counts(self) -> str:
        return (
            f"{len(self.responses)} responses, {len(self.drafts)} drafts, "
            f"{len(self.nominations)} nominations"
        )


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
                "consultation", "service"
            )
        )
        if email
        else []
    )
    invitations = Invitation.objects.filter(
        Q(nomination__in=nominations) | Q(response__in=responses)
    ).select_related("round__consultation")
    return Holdings(
        query=email or reference,
        responses=responses,
        drafts=list(drafts.select_related("round__consultation").distinct()),
        nominations=nominations,
        invitations=list(invitations),
        with_equalities=_with_equalities(responses),
    )


def look_up_subject(*, email: str = "", reference: str = "") -> Holdings:
    """``find_subject``, written to the audit log: looking is itself an access."""
    holdings = find_subject(email=email, reference=reference)
    audit.record(
        AuditEntry.Action.SUBJECT_FIND,
        target=f"Subject {holdings.query}",
        detail=holdings.counts(),
    )
    return holdings


def _with_equalities(responses) -> set:
    by_link = {link: r.pk for r in responses for link in response_links(r.pk)}
    linked = EqualityMonitoring.objects.filter(
        response_link__in=list(by_link)
    ).values_list("response_link", flat=True)
    return {by_link[link] for link in linked}


def export_subject(holdings: Holdings) -> dict:
    """The person's data as plain JSON-ready values (a subject access request)."""
    audit.record(
        AuditEntry.Action.SUBJECT_EXPORT,
        target=f"Subject {holdings.query}",
        detail=holdings.counts(),
    )
    return {
        "responses": [
            {
                "reference": r.reference,
                "consultation": str(r.round.consultation),
                "round": r.round.get_kind_display(),
                "submitted_at": r.submitted_at.isoformat(),
                "contact_email": r.contact_email,
                "withdrawn": r.is_withdrawn,
                "equalities_answers_held": r.pk in holdings.with_equalities,
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
            {
                "consultation": str(d.round.consultation),
                "started": d.created_at.isoformat(),
                "answers": _labelled(d.answers),
            }
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
        "invitations": [
            {
                "consultation": str(i.round.consultation),
                "round": i.round.get_kind_display(),
                "channel": i.channel,
                "sent_at": i.sent_at.isoformat() if i.sent_at else "",
                "responded_at": i.responded_at.isoformat() if i.responded_at else "",
            }
            for i in holdings.invitations
        ],
    }


def _labelled(answers: dict) -> dict:
    """A draft's answers keyed by their questions' labels, not ids."""
    ids = [key for key in answers if _is_uuid(key)]
    labels = {
        str(pk): label
        for pk, label in Question.objects.filter(pk__in=ids).values_list("pk", "label")
    }
    return {labels.get(key, key): value for key, value in answers.items()}


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


CSV_HEADER = [
    _("Kind"),
    _("Consultation"),
    _("Reference or date"),
    _("What"),
    _("Value"),
]


def subject_csv_rows(data: dict):
    """``export_subject``'s data as spreadsheet rows, one fact a row: write
    them with ``consult.sheets.csv_writer`` (every cell neutralised)."""
    yes_no = {True: _("yes"), False: _("no")}
    yield CSV_HEADER
    for r in data["responses"]:
        where = [_("Response"), r["consultation"], r["reference"]]
        yield [*where, _("Round"), r["round"]]
        yield [*where, _("Sent"), r["submitted_at"]]
        yield [*where, _("E-mail for the receipt"), r["contact_email"]]
        yield [*where, _("Withdrawn"), yes_no[r["withdrawn"]]]
        yield [
            *where,
            _("Equalities answers held"),
            yes_no[r["equalities_answers_held"]],
        ]
        for answer in r["answers"]:
            yield [*where, answer["question"], _cell(answer["answer"])]
    for d in data["drafts"]:
        for question, value in d["answers"].items():
            yield [_("Draft"), d["consultation"], d["started"], question, _cell(value)]
    for n in data["nominations"]:
        for label, key in NOMINATION_FIELDS:
            yield [_("Nomination"), n["consultation"], "", label, n[key]]
    for i in data["invitations"]:
        where = [_("Invitation"), i["consultation"], i["sent_at"]]
        yield [*where, _("Round"), i["round"]]
        yield [*where, _("Sent by"), i["channel"]]
        yield [*where, _("Responded"), i["responded_at"]]


NOMINATION_FIELDS = [
    ("Full name", "name"),
    ("E-mail address", "email"),
    ("Mobile phone number", "mobile"),
    ("Preferred language", "preferred_language"),
    ("Access needs", "access_needs"),
]


def _cell(value) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


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
    for response in holdings.responses:
        response_erased.send(sender=Response, response=response)
    erased = sum(
        services.erase_contact(nomination=n, reason=Nomination.ErasureReason.REQUEST)
        for n in holdings.nominations
    )
    audit.record(
        AuditEntry.Action.ERASURE,
        target=f"Subject {holdings.query}",
        detail=holdings.counts(),
    )
    return {
        "responses": len(holdings.responses),
        "equalities": equalities,
        "nominations": erased,
        "rows_deleted": responses,
    }
