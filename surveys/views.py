"""Responding: start, one page per section, check your answers, confirmation.

Views check access, hand the work to services and render. The draft lives on
the server (this browser's pointer to it in a signed cookie, ``browser_drafts``),
so nothing typed is lost on an error.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import browser_drafts, services
from .admission import admission_key
from .equalities import EqualitiesForm
from .forms import ReceiptForm, ResumeEmailForm, SectionForm
from .models import Consultation, Draft, Response, Round
from .rules import can_assist, may_continue_assisted
from .sections import live_sections, shown_questions
from .tokens import digest


def _round(round_id) -> Round:
    return get_object_or_404(
        # Not the consultation's page: only the refusal needs it (one query then).
        Round.objects.select_related("consultation", "survey"),
        pk=round_id,
    )


def _refusal(request, round_):
    """The page for a round this browser cannot respond to now, or None if it can."""
    now = timezone.now()
    if not round_.is_open_at(now) or round_.survey is None:
        context = {"round": round_, "upcoming": now < round_.opens_at}
        return render(request, "surveys/round_closed.html", context, status=410)
    if admission_key(request, round_) is None and not may_continue_assisted(
        request.user, _draft(request, round_)
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


def _draft(request, round_) -> Draft | None:
    draft_id = browser_drafts.draft_ids(request).get(str(round_.pk))
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, round=round_).first()


def _round_and_draft(request, round_id) -> tuple[Round, Draft | None]:
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
    return _round(round_id), None


def _sent(draft: Draft | None) -> str | None:
    """The reference of the response this browser's draft became, if sent."""
    if draft is None or draft.amends_id:
        return None
    return draft.sent_as


@require_http_methods(["GET", "POST"])
def start(request, round_id):
    """The survey's start page. "Start now" is a link to the first question.

    Looking creates nothing: the draft is made when the first section is sent
    (``section``). Consultation pages link straight to the first question; this
    page stays for direct links, invitations and people coming back.
    """
    round_, draft = _round_and_draft(request, round_id)
    if refused := _refusal(request, round_):
        return refused
    if sent := _sent(draft):
        if draft.admitted_by:
            # One response per invitation: show it, rather than a draft that
            # could never be sent again.
            return redirect("surveys:confirmation", reference=sent)
        draft = None  # someone else on this device: a fresh, empty draft
    if request.method == "POST":  # the start page's old form, from a cached page
        return redirect("surveys:section", round_id=round_.pk, number=1)
    sections = live_sections(round_.survey)
    return render(
        request,
        "surveys/start.html",
        {
            "round": round_,
            "sections": sections,
            "draft": draft,
            "can_assist": can_assist(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def section(request, round_id, number):
    round_, draft = _round_and_draft(request, round_id)
    if refused := _refusal(request, round_):
        return refused
    if sent := _sent(draft):
        if draft.admitted_by:  # one response per invitation, as on the start page
            return redirect("surveys:confirmation", reference=sent)
        if request.method == "GET" or request.POST.get("fresh"):
            draft = None  # sent: the first page starts a new response
        # Otherwise a page from before sending, posted again (the back button):
        # it goes to the sent draft, whose check page sends nothing new.
    sections = live_sections(round_.survey)
    if draft is None and number != 1:
        return redirect("surveys:start", round_id=round_.pk)
    if not 1 <= number <= len(sections):
        raise Http404("No such section")
    current = sections[number - 1]
    questions = shown_questions(current, draft.answers if draft else {})
    if request.method == "GET":
        form = SectionForm(questions, initial=draft.answers if draft else {})
        return _section_page(request, round_, current, sections, draft, form)
    form = SectionForm(questions, data=request.POST)
    if draft is not None:
        services.save_draft_answers(draft=draft, answers=form.raw_answers())
        return _after_section(request, round_, current, sections, draft, form)
    # The first page sent: now there is something to keep.
    draft = services.start_draft(
        round_=round_,
        admitted_by=admission_key(request, round_),
        respondent=request.user,
        answers=form.raw_answers(),
    )
    return browser_drafts.remember(
        request, _after_section(request, round_, current, sections, draft, form), draft
    )


def _after_section(request, round_, current, sections, draft, form):
    if "save" in request.POST:  # kept as typed, even if not valid yet
        return redirect("surveys:save", round_id=round_.pk)
    if not form.is_valid():
        return _section_page(request, round_, current, sections, draft, form)
    # Check your answers comes as the answer to the page before it, not after
    # a redirect: one request fewer for every respondent (docs/decisions/0006).
    # Posting that page again saves the same answers and shows the same check.
    if request.POST.get("return") == "check":
        return _check_page(request, round_, draft)
    if current.number == len(sections):
        if _after_questions(round_, draft) == "surveys:check":
            return _check_page(request, round_, draft)
        return redirect(_after_questions(round_, draft), round_id=round_.pk)
    return redirect("surveys:section", round_id=round_.pk, number=current.number + 1)


def _section_page(request, round_, current, sections, draft, form):
    return render(
        request,
        "surveys/section.html",
        {
            "round": round_,
            "section": current,
            "sections": sections,
            "draft": draft,
            "form": form,
            "returning": request.GET.get("return") == "check"
            or request.POST.get("return") == "check",
        },
    )


@require_http_methods(["GET", "POST"])
def check(request, round_id):
    round_, draft = _round_and_draft(request, round_id)
    if refused := _refusal(request, round_):
        return refused
    if draft is None:
        return redirect("surveys:start", round_id=round_.pk)
    errors = {}
    receipt = ReceiptForm(
        request.POST if request.method == "POST" else None,
        initial={"email": draft.contact_email, "consent": draft.consent_to_recontact},
    )
    # A change to a sent response keeps the receipt details given the first time.
    amending = draft.amends_id is not None
    if request.method == "POST":
        if amending:
            pass
        elif receipt.is_valid():
            services.set_receipt_details(
                draft=draft,
                email=receipt.cleaned_data["email"],
                consent=receipt.cleaned_data["consent"],
            )
        else:
            errors = {"id_email": receipt.errors["email"][0]}
    if request.method == "POST" and not errors:
        try:
            response = services.submit_draft(draft_id=draft.pk)
        except services.RoundClosed:
            return _refusal(request, round_)
        except services.AnswersInvalid as invalid:
            errors = invalid.errors
        else:
            # The confirmation is the answer to the send, as on a Wagtail form
            # page: sending is idempotent, so a reload that posts again shows
            # the same reference. /respond/done/<reference>/ shows it later.
            response.round = round_  # with its consultation, already read
            return _confirmation_page(request, response)
    return _check_page(request, round_, draft, receipt, errors)


def _check_page(request, round_, draft, receipt=None, errors=None):
    """Check your answers. Its form always posts to the check page's address."""
    if receipt is None:
        receipt = ReceiptForm(
            initial={
                "email": draft.contact_email,
                "consent": draft.consent_to_recontact,
            }
        )
    rows = [
        (
            s,
            [
                (q, _display(draft.answers.get(str(q.pk)), q))
                for q in shown_questions(s, draft.answers)
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
            "amending": draft.amends_id is not None,
        },
        status=400 if errors else 200,
    )


def confirmation(request, reference):
    """The confirmation again, for the browser whose draft became the response."""
    response = get_object_or_404(
        Response.objects.select_related("round__consultation__page"),
        reference=reference,
    )
    if not _sent_from_this_browser(request, response):
        raise Http404("No such response in this browser")
    return _confirmation_page(request, response)


def _sent_from_this_browser(request, response: Response) -> bool:
    # The browser keeps its draft of the round after sending it (so that a
    # resend finds the response): that draft became, or changed, the response.
    draft_id = browser_drafts.draft_ids(request).get(str(response.round_id))
    if not draft_id:
        return False
    if draft_id == str(response.draft_id):
        return True
    return Draft.objects.filter(pk=draft_id, amends=response).exists()


def _confirmation_page(request, response: Response):
    return render(request, "surveys/confirmation.html", {"response": response})


def _display(answer, question=None) -> str:
    if question is not None and question.kind == question.Kind.RANKING:
        if not any(answer or []):
            return ""
        ranked = question.ranked(answer)
        return ", ".join(f"{n}. {option}" for n, option in enumerate(ranked, 1))
    return ", ".join(answer) if isinstance(answer, list) else (answer or "")


@require_http_methods(["GET", "POST"])
def save(request, round_id):
    """Save and come back later: a personal link, shown, and e-mailed on request."""
    round_, draft = _round_and_draft(request, round_id)
    if refused := _refusal(request, round_):
        return refused
    if draft is None:
        return redirect("surveys:start", round_id=round_.pk)
    form = ResumeEmailForm(request.POST if "email" in request.POST else None)
    token = services.issue_resume_link(draft=draft)
    link = request.build_absolute_uri(
        reverse("surveys:resume", kwargs={"token": token})
    )
    sent_to = None
    if form.is_bound and form.is_valid():
        from .tasks import send_resume_link

        sent_to = form.cleaned_data["email"]
        send_resume_link.delay(str(draft.pk), sent_to, link)
    return render(
        request,
        "surveys/saved.html",
        {
            "round": round_,
            "link": link,
            "form": form,
            "sent_to": sent_to,
        },
    )


def resume(request, token):
    """Open a saved draft from its link, in this or any browser."""
    draft = (
        Draft.objects.select_related("round")
        .filter(resume_token_hash=digest(token), response__isnull=True)
        .first()
    )
    if draft is None or not draft.round.is_open_at():
        return render(request, "surveys/link_not_valid.html", status=404)
    return browser_drafts.open_in_browser(request, draft)


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """View your response, and withdraw it while the consultation is open."""
    response = (
        Response.objects.select_related("round__consultation", "round__survey")
        .filter(manage_token_hash=digest(token))
        .first()
    )
    if response is None:
        return render(request, "surveys/link_not_valid.html", status=404)
    withdrawn_now = False
    if request.method == "POST" and request.POST.get("withdraw") == "yes":
        withdrawn_now = services.withdraw_response(response=response)
    elif request.method == "POST" and request.POST.get("change") == "yes":
        draft = services.start_change(response=response)
        if draft is not None:
            return browser_drafts.open_in_browser(request, draft)
    answers = [
        (a.question.label, _display(a.value if len(a.value) != 1 else a.value[0]))
        for a in response.answers.filter(is_current=True)
        .select_related("question")
        .order_by("question__sort_order")
    ]
    return render(
        request,
        "surveys/manage.html",
        {
            "response": response,
            "answers": answers,
            "withdrawn_now": withdrawn_now,
            "can_withdraw": response.round.is_open_at() and not response.is_withdrawn,
        },
    )


def _after_questions(round_, draft) -> str:
    # A change to a sent response keeps the equalities answers first given.
    if round_.survey.include_equalities and not draft.amends_id:
        return "surveys:equalities"
    return "surveys:check"


@require_http_methods(["GET", "POST"])
def equalities(request, round_id):
    """The optional equalities monitoring questions, with why we ask."""
    round_, draft = _round_and_draft(request, round_id)
    if refused := _refusal(request, round_):
        return refused
    if draft is None or not round_.survey.include_equalities:
        return redirect("surveys:start", round_id=round_.pk)
    form = EqualitiesForm(
        request.POST if request.method == "POST" else None, initial=draft.equalities
    )
    if request.method == "POST" and (request.POST.get("skip") or form.is_valid()):
        answers = (
            {}
            if request.POST.get("skip")
            else {k: v for k, v in form.cleaned_data.items() if v}
        )
        services.save_equalities(draft=draft, answers=answers)
        return _check_page(request, round_, draft)  # as from the last section
    return render(
        request,
        "surveys/equalities.html",
        {
            "round": round_,
            "form": form,
            "fields": list(form),
        },
    )
