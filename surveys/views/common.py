"""What the responding pages share: the round, this browser's draft, refusals,
and the pages more than one step answers with (check your answers, the
confirmation).
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from surveys import browser_drafts
from surveys.admission import admission_key
from surveys.consent import consent_given, recontact_question
from surveys.forms import ReceiptForm
from surveys.models import Consultation, Draft, Response, Round
from surveys.page_links import consultation_url
from surveys.rules import may_continue_assisted
from surveys.sections import live_sections, shown_questions
from surveys.versions import version_of, worded


def round_or_404(round_id) -> Round:
    return get_object_or_404(
        # Not the consultation's page: only the refusal needs it (one query then).
        Round.objects.select_related("consultation", "survey"),
        pk=round_id,
    )


def refusal(request, round_):
    """The page for a round this browser cannot respond to now, or None if it can."""
    now = timezone.now()
    if not round_.is_open_at(now) or round_.survey is None:
        return round_closed_page(request, round_)
    if admission_key(request, round_) is None and not may_continue_assisted(
        request.user, browser_draft(request, round_)
    ):
        # A review round is by personal link whatever the audience.
        staff_only = (
            round_.consultation.audience == Consultation.Audience.STAFF
            and round_.kind == Round.Kind.MAIN
        )
        if staff_only and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        context = {"round": round_, "staff_only": staff_only}
        return render(request, "surveys/not_admitted.html", context, status=403)
    return None


def round_closed_page(request, round_):
    """410: the round is not taking responses (upcoming or closed)."""
    context = {
        "round": round_,
        "upcoming": timezone.now() < round_.opens_at,
        "consultation_url": consultation_url(round_.consultation, request),
    }
    return render(request, "surveys/round_closed.html", context, status=410)


def already_sent_page(request, round_):
    """409: another browser already sent a response with this invitation."""
    context = {
        "round": round_,
        "consultation_url": consultation_url(round_.consultation, request),
    }
    return render(request, "surveys/already_sent.html", context, status=409)


def browser_draft(request, round_) -> Draft | None:
    draft_id = browser_drafts.draft_ids(request).get(str(round_.pk))
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, round=round_).first()


def round_and_draft(request, round_id) -> tuple[Round, Draft | None]:
    """The round and this browser's draft of it: one query when there is a draft.

    The draft comes with the reference of its response, if sent (``_sent``).
    """
    draft_id = browser_drafts.draft_ids(request).get(str(round_id))
    if draft_id:
        # A slice, not first(): no ORDER BY to build for a primary key lookup.
        drafts = list(
            Draft.objects.select_related("round__consultation", "round__survey")
            .annotate(sent_as=F("response__reference"))
            .filter(pk=draft_id, round_id=round_id)
            .order_by()[:1]
        )
        if drafts:
            return drafts[0].round, drafts[0]
    return round_or_404(round_id), None


def sent_reference(draft: Draft | None) -> str | None:
    """The reference of the response this browser's draft became, if sent."""
    if draft is None or draft.amends_id:
        return None
    return draft.sent_as


def check_page(request, round_, draft, receipt=None, errors=None):
    """Check your answers. Its form always posts to the check page's address."""
    if receipt is None:
        receipt = ReceiptForm(
            initial={
                "email": draft.contact_email,
                "consent": draft.consent_to_recontact,
            }
        )
    version = version_of(round_.survey, draft.variant)
    rows = [
        (
            s,
            [
                (q, display_answer(draft.answers.get(str(q.pk)), q))
                for q in worded(shown_questions(s, draft.answers), version)
            ],
        )
        for s in live_sections(round_.survey)
    ]
    return render(
        request,
        "surveys/check.html",
        {
            "round": round_,
            "rows": rows,
            "draft": draft,
            "errors": errors or {},
            "receipt": receipt,
            "version": version,
            "amending": draft.amends_id is not None,
            # Asked in the survey: the check page does not ask again.
            "consent_in_survey": recontact_question(round_.survey) is not None,
            "agreed_in_survey": recontact_question(round_.survey) is not None
            and consent_given(
                survey=round_.survey, answers=draft.answers, checkbox=False
            ),
        },
        status=400 if errors else 200,
    )


def confirmation_page(request, response: Response):
    context = {
        "response": response,
        "consultation_url": consultation_url(response.round.consultation, request),
    }
    return render(request, "surveys/confirmation.html", context)


def display_answer(answer, question=None) -> str:
    if question is not None and question.kind == question.Kind.RANKING:
        if not any(answer or []):
            return ""
        ranked = question.ranked(answer)
        return ", ".join(f"{n}. {option}" for n, option in enumerate(ranked, 1))
    return ", ".join(answer) if isinstance(answer, list) else (answer or "")
