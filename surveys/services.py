"""Writes across surveys' models. Keyword-only, atomic, documented."""

import logging
import secrets
import string

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language

from consult.outbox import services as outbox

from .channels import HowMade
from .consent import consent_given
from .equalities import response_link, response_links
from .forms import SectionForm
from .models import Answer, Consultation, Draft, EqualityMonitoring, Question, Response
from .sections import live_sections
from .signals import response_submitted, response_withdrawn
from .tokens import new_token

log = logging.getLogger(__name__)

REFERENCE_ALPHABET = "".join(
    c for c in string.ascii_uppercase + string.digits if c not in "0O1I"
)


class RoundClosed(Exception):
    """The round is not taking responses; the draft is kept."""


class AlreadySentOnAdmission(Exception):
    """A response was already sent under this admission (one per invitation)."""


class AnswersInvalid(Exception):
    """Some answers fail validation; ``errors`` maps question ids to messages."""

    def __init__(self, errors: dict):
        super().__init__("Some answers are not valid.")
        self.errors = errors


@transaction.atomic
def record_outcome(*, consultation: Consultation, published: bool) -> None:
    """Mark the outcome as published (or not). Idempotent: keeps the first date."""
    if published and consultation.outcome_published_at is None:
        consultation.outcome_published_at = timezone.now()
    elif not published:
        consultation.outcome_published_at = None
    else:
        return
    consultation.save(update_fields=["outcome_published_at", "updated_at"])


def start_draft(
    *, round_, admitted_by: str, respondent, answers: dict, variant: str = ""
) -> Draft:
    """A new draft holding the first page's answers, as typed, valid or not.

    Made when a respondent first sends a page, not when they look at one, so
    that reading the questions writes nothing. ``admitted_by`` is the key the
    browser was admitted under ("" for open access); an anonymous
    ``respondent`` is kept as None. Not idempotent: each call is a new draft
    (an unsent draft is harmless).
    """
    return Draft.objects.create(
        round=round_,
        admitted_by=admitted_by,
        respondent=respondent if respondent.is_authenticated else None,
        answers=answers,
        variant=variant,
    )


def set_variant(*, draft: Draft, variant: str) -> None:
    """Answer in another version from now on (the same questions). Idempotent."""
    Draft.objects.filter(pk=draft.pk).update(variant=variant)
    draft.variant = variant


def save_draft_answers(*, draft: Draft, answers: dict) -> None:
    """Keep what was typed for these questions, valid or not. Idempotent."""
    Draft.objects.filter(pk=draft.pk).update(
        answers={**draft.answers, **answers}, updated_at=timezone.now()
    )
    draft.answers = {**draft.answers, **answers}


def validate_draft(draft: Draft) -> tuple[dict, dict]:
    """All shown questions' cleaned answers, and errors by question id."""
    return validate_answers(live_sections(draft.round.survey), draft.answers)


def validate_answers(
    sections, answers: dict, *, fields: dict | None = None
) -> tuple[dict, dict]:
    """Validate raw answers against a survey's sections, as the pages do.

    Shared by drafts and imported rows. Callers that validate many rows pass
    the same ``sections`` (from ``sections_of``) and a ``fields`` dict, in
    which the form fields are built once and reused.
    """
    cleaned, errors = {}, {}
    for section in sections:
        shown = [q for q in section.questions if q.is_shown({**answers, **cleaned})]
        form = SectionForm(shown, data=_as_querydict(answers, shown), fields=fields)
        form.is_valid()
        cleaned.update(
            {k: v for k, v in form.cleaned_data.items() if v not in ("", [])}
        )
        errors.update({k: v[0] for k, v in form.errors.items()})
    return cleaned, errors


def _as_querydict(answers: dict, questions):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for q in questions:
        value = answers.get(str(q.pk), [] if q.kind in Question.LIST_KINDS else "")
        if isinstance(value, list):
            data.setlist(str(q.pk), [str(v) for v in value])
        else:
            data[str(q.pk)] = str(value)
    return data


def new_reference() -> str:
    return "SB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def submit_draft(*, draft_id, site: str = "") -> Response:
    """Turn a draft into its response, once.

    Idempotent: a double click, a retry or a resubmitted form returns the response
    already made (the draft row is locked, and ``Response.draft`` is unique).
    Refuses a closed round with ``RoundClosed``, invalid answers with
    ``AnswersInvalid`` and a second response on the same invitation (another
    browser's draft) with ``AlreadySentOnAdmission``, saving nothing; the draft
    is kept either way. ``site`` is the address the respondent used, for the
    receipt's link (surveys.links).
    """
    with transaction.atomic():
        draft = (
            Draft.objects.select_for_update(of=("self",))
            .select_related("round__survey")
            .get(pk=draft_id)
        )
        existing = draft.amends or Response.objects.filter(draft=draft).first()
        if existing and (draft.amends_id is None or draft.applied_at):
            return existing
        if draft.round.is_open_at():
            cleaned, errors = validate_draft(draft)
            if errors:
                raise AnswersInvalid(errors)
            if draft.amends_id:
                return _new_version(draft, cleaned)
            return _create_response(draft, cleaned, site)
    # Outside the transaction, so that the refusal is kept for officers to see.
    Draft.objects.filter(pk=draft_id).update(refused_at=timezone.now())
    raise RoundClosed()


def answers_for(response: Response, questions: dict, cleaned: dict) -> list[Answer]:
    """Unsaved answers from cleaned values; ``questions`` maps ids to questions."""
    return [
        Answer(
            response=response,
            question=questions[key],
            version=response.version,
            value=value if isinstance(value, list) else [value],
            text=value if questions[key].kind in Question.TEXT_KINDS else "",
        )
        for key, value in cleaned.items()
    ]


def _save_answers(response: Response, draft: Draft, cleaned: dict) -> list[Answer]:
    questions = {
        str(q.pk): q for s in live_sections(draft.round.survey) for q in s.questions
    }
    return Answer.objects.bulk_create(answers_for(response, questions, cleaned))


def _new_version(draft: Draft, cleaned: dict) -> Response:
    """The changed answers become the response's current version; old ones stay."""
    response = Response.objects.select_for_update().get(pk=draft.amends_id)
    response.version += 1
    # A changed answer to the survey's own consent question changes the consent.
    response.consent_to_recontact = consent_given(
        survey=draft.round.survey,
        answers=cleaned,
        checkbox=response.consent_to_recontact,
    )
    response.save(update_fields=["version", "consent_to_recontact", "updated_at"])
    Answer.objects.filter(response=response, is_current=True).update(is_current=False)
    answers = _save_answers(response, draft, cleaned)
    Draft.objects.filter(pk=draft.pk).update(applied_at=timezone.now())
    response_submitted.send(sender=Response, response=response, answers=answers)
    return response


def start_change(*, response: Response) -> Draft | None:
    """A draft holding the response's current answers, to change and send again.

    None once the round has closed or the response was withdrawn.
    """
    if response.is_withdrawn or not response.round.is_open_at():
        return None
    current = {
        str(a.question_id): a.question.draft_value(a.value)
        for a in response.answers.filter(is_current=True).select_related("question")
        if a.value
    }
    return Draft.objects.create(
        round=response.round,
        answers=current,
        amends=response,
        respondent=response.respondent,
        admitted_by=response.admitted_by,
        variant=response.variant,
    )


def _create_response(draft: Draft, cleaned: dict, site: str = "") -> Response:
    if not draft.admitted_by:
        response = _insert_response(draft, cleaned)
    else:
        if _sent_on_admission(draft):
            raise AlreadySentOnAdmission()
        try:
            # A savepoint: two browsers sending at once on one invitation meet
            # the database's one_response_per_admission constraint, not a 500.
            with transaction.atomic():
                response = _insert_response(draft, cleaned)
        except IntegrityError:
            if _sent_on_admission(draft):
                raise AlreadySentOnAdmission() from None
            raise
    if draft.equalities:
        EqualityMonitoring.objects.create(
            round=draft.round,
            response_link=response_link(response.pk),
            **draft.equalities,
        )
        Draft.objects.filter(pk=draft.pk).update(equalities={})
    if response.contact_email:
        # Recorded now, sent after the commit (consult/outbox), in this language.
        outbox.enqueue("surveys.send_receipt", str(response.pk), site, get_language())
    answers = _save_answers(response, draft, cleaned)
    response_submitted.send(sender=Response, response=response, answers=answers)
    return response


def _sent_on_admission(draft: Draft) -> bool:
    return Response.objects.filter(
        round_id=draft.round_id, admitted_by=draft.admitted_by
    ).exists()


def _insert_response(draft: Draft, cleaned: dict) -> Response:
    # 32^8 references: a collision would fail the unique constraint, loudly.
    return Response.objects.create(
        round=draft.round,
        draft=draft,
        reference=new_reference(),
        respondent=draft.respondent,
        admitted_by=draft.admitted_by,
        contact_email=draft.contact_email,
        variant=draft.variant,
        consent_to_recontact=consent_given(
            survey=draft.round.survey,
            answers=cleaned,
            checkbox=draft.consent_to_recontact,
        ),
        **how_made(draft),
    )


def how_made(draft: Draft) -> dict:
    """The channel fields a draft hands on to its response."""
    return {
        field.attname: getattr(draft, field.attname)
        for field in HowMade._meta.get_fields()
        if field.concrete
    }


def set_receipt_details(*, draft: Draft, email: str, consent: bool) -> None:
    """Where to send the receipt, and whether we may contact them again."""
    if (draft.contact_email, draft.consent_to_recontact) == (email, consent):
        return  # nothing new: spare the write on every plain "Send"
    Draft.objects.filter(pk=draft.pk).update(
        contact_email=email, consent_to_recontact=consent
    )
    draft.contact_email, draft.consent_to_recontact = email, consent


def issue_resume_link(*, draft: Draft) -> str:
    """A new save-and-return token for the draft (replacing any earlier one)."""
    token, token_hash = new_token()
    Draft.objects.filter(pk=draft.pk).update(resume_token_hash=token_hash)
    return token


def send_resume_link_now(*, draft: Draft, email: str, link: str) -> str | None:
    """Queue the save-and-return e-mail; the address, or None if the broker is
    down (a short connect timeout, no retries: the respondent is waiting)."""
    from .tasks import send_resume_link

    args = [str(draft.pk), email, link, get_language()]  # in this page's language
    try:
        send_resume_link.apply_async(args=args, retry=False)
    except Exception:  # any broker failure; the page offers the link itself
        log.warning("resume e-mail not queued", exc_info=True)
        return None
    return email


def withdraw_response(*, response: Response) -> bool:
    """Withdraw a response while its round is open. Idempotent; reports drop it.
    Returns False when the round has closed (the response stays).
    """
    if not response.round.is_open_at():
        return False
    with transaction.atomic():
        updated = Response.objects.filter(
            pk=response.pk, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        if updated:
            EqualityMonitoring.objects.filter(
                response_link__in=response_links(response.pk)
            ).delete()
            response.refresh_from_db()
            response_withdrawn.send(sender=Response, response=response)
    return True


def send_manage_link_if_matching(*, reference: str, email: str, site: str = "") -> bool:
    """E-mail a new view-or-withdraw link if the reference and address match.

    The caller shows the same answer either way, so that nobody learns which
    references exist. The new link replaces the one in the receipt (the
    person asked for it). True if a link is on its way.
    """
    response = (
        Response.objects.filter(reference=reference, contact_email__iexact=email)
        .only("pk")
        .first()
    )
    if response is None:
        return False
    # Recorded now, sent after the commit (consult/outbox), in this language.
    outbox.enqueue("surveys.send_manage_link", str(response.pk), site, get_language())
    return True


def save_equalities(*, draft: Draft, answers: dict) -> None:
    """Keep the optional equalities answers with the draft until it is sent."""
    Draft.objects.filter(pk=draft.pk).update(equalities=answers)
    draft.equalities = answers


@transaction.atomic
def copy_survey(*, survey, title: str):
    """A new survey with the same questions, show-if links pointing at the copies.

    For reusing a survey in another consultation or round; the original is untouched.
    """
    from .models import Survey

    copy = Survey.objects.create(
        title=title,
        introduction=survey.introduction,
        include_equalities=survey.include_equalities,
    )
    originals = list(survey.questions.order_by("sort_order"))
    copies = {}
    for question in originals:
        copies[question.pk] = Question.objects.create(
            survey=copy,
            sort_order=question.sort_order,
            section=question.section,
            kind=question.kind,
            label=question.label,
            hint=question.hint,
            required=question.required,
            options=question.options,
            max_length=question.max_length,
            show_if_value=question.show_if_value,
        )
    for question in originals:
        if question.show_if_question_id in copies:
            new = copies[question.pk]
            new.show_if_question = copies[question.show_if_question_id]
            new.save(update_fields=["show_if_question"])
    return copy
