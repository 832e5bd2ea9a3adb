"""Responding: the start page, one page per section, check your answers and send.

Views check access, hand the work to services and render. The draft lives on
the server (this browser's pointer to it in a signed cookie, ``browser_drafts``),
so nothing typed is lost on an error.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from consult.edge import limits
from consult.edge.retry import retry_on_disconnect
from surveys import browser_drafts, languages, services
from surveys.admission import admission_key
from surveys.forms import ReceiptForm, SectionForm
from surveys.links import site_url
from surveys.rules import can_assist
from surveys.sections import live_sections, shown_questions
from surveys.versions import version_of, versions_of, worded

from .common import (
    already_sent_page,
    check_page,
    confirmation_page,
    refusal,
    round_and_draft,
    sent_reference,
)


@require_http_methods(["GET", "POST"])
@retry_on_disconnect  # looks only, or redirects
def start(request, round_id):
    """The survey's start page. "Start now" is a link to the first question.

    Looking creates nothing: the draft is made when the first section is sent
    (``section``). Consultation pages link straight to the first question; this
    page stays for direct links, invitations and people coming back.
    """
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
        return refused
    if sent := sent_reference(draft):
        if draft.admitted_by:
            # One response per invitation: show it, rather than a draft that
            # could never be sent again.
            return redirect("surveys:confirmation", reference=sent)
        draft = None  # someone else on this device: a fresh, empty draft
    if request.method == "POST":  # the start page's old form, from a cached page
        return redirect("surveys:section", round_id=round_.pk, number=1)
    sections = live_sections(round_.survey)
    version = chosen_version(request, round_, draft)
    return render(
        request,
        "surveys/start.html",
        {
            "round": round_,
            "sections": sections,
            "draft": draft,
            "can_assist": can_assist(request.user),
            "version": version,
            "versions": versions_of(round_.survey),
        },
    )


FULL_VERSION = "full"


def chosen_version(request, round_, draft):
    """The version being answered: the one just chosen, else the draft's.

    Choosing another version on the start page moves a draft to it (answers
    are to the same questions, so nothing is lost); "full" is the full version.
    With no draft and no choice, the version in the pages' language, if any.
    """
    asked = (request.POST.get("variant") or request.GET.get("variant", ""))[:20]
    version = version_of(round_.survey, asked)
    if draft is None:
        # On another language's pages (/pl/respond/...), the survey's version
        # in that language unless another was chosen.
        return version or (
            None
            if asked
            else version_of(round_.survey, languages.language_version_variant())
        )
    if (version or asked == FULL_VERSION) and draft.variant != (
        version.variant if version else ""
    ):
        services.set_variant(draft=draft, variant=version.variant if version else "")
    return version_of(round_.survey, draft.variant)


@require_http_methods(["GET", "POST"])
@retry_on_disconnect  # saving answers overwrites; a second draft is never sent
def section(request, round_id, number):
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
        return refused
    if sent := sent_reference(draft):
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
    if request.method == "POST":
        scope = "start_response" if draft is None else "save_draft"
        if limits.hit(request, scope):
            return limits.too_many_attempts(request, scope)
    version = chosen_version(request, round_, draft)
    questions = worded(
        shown_questions(current, draft.answers if draft else {}), version
    )
    if request.method == "GET":
        form = SectionForm(questions, initial=draft.answers if draft else {})
        return _section_page(request, round_, current, sections, draft, form, version)
    form = SectionForm(questions, data=request.POST)
    if draft is not None:
        services.save_draft_answers(draft=draft, answers=form.raw_answers())
        return _after_section(request, round_, current, sections, draft, form, version)
    # The first page sent: now there is something to keep.
    draft = services.start_draft(
        round_=round_,
        admitted_by=admission_key(request, round_),
        respondent=request.user,
        answers=form.raw_answers(),
        variant=version.variant if version else "",
    )
    return browser_drafts.remember(
        request,
        _after_section(request, round_, current, sections, draft, form, version),
        draft,
    )


def _after_section(request, round_, current, sections, draft, form, version=None):
    if "save" in request.POST:  # kept as typed, even if not valid yet
        return redirect("surveys:save", round_id=round_.pk)
    if not form.is_valid():
        return _section_page(request, round_, current, sections, draft, form, version)
    # Check your answers comes as the answer to the page before it, not after
    # a redirect: one request fewer for every respondent (docs/decisions/0006).
    # Posting that page again saves the same answers and shows the same check.
    if request.POST.get("return") == "check":
        return check_page(request, round_, draft)
    if current.number == len(sections):
        if _after_questions(round_, draft) == "surveys:check":
            return check_page(request, round_, draft)
        return redirect(_after_questions(round_, draft), round_id=round_.pk)
    return redirect("surveys:section", round_id=round_.pk, number=current.number + 1)


def _section_page(request, round_, current, sections, draft, form, version=None):
    return render(
        request,
        "surveys/section.html",
        {
            "round": round_,
            "section": current,
            "sections": sections,
            "draft": draft,
            "form": form,
            "version": version,
            "returning": request.GET.get("return") == "check"
            or request.POST.get("return") == "check",
        },
    )


def _after_questions(round_, draft) -> str:
    # A change to a sent response keeps the equalities answers first given.
    if round_.survey.include_equalities and not draft.amends_id:
        return "surveys:equalities"
    return "surveys:check"


@require_http_methods(["GET", "POST"])
@retry_on_disconnect  # sending is one transaction, and idempotent
def check(request, round_id):
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
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
                # Ignored (surveys.consent) when the survey asks it itself.
                consent=receipt.cleaned_data["consent"],
            )
        else:
            errors = {"id_email": receipt.errors["email"][0]}
    if request.method == "POST" and not errors:
        try:
            response = services.submit_draft(draft_id=draft.pk, site=site_url(request))
        except services.RoundClosed:
            return refusal(request, round_)
        except services.AlreadySentOnAdmission:
            return already_sent_page(request, round_)
        except services.AnswersInvalid as invalid:
            errors = invalid.errors
        else:
            # The confirmation is the answer to the send, as on a Wagtail form
            # page: sending is idempotent, so a reload that posts again shows
            # the same reference. /respond/done/<reference>/ shows it later.
            response.round = round_  # with its consultation, already read
            return confirmation_page(request, response)
    return check_page(request, round_, draft, receipt, errors)
