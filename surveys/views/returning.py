"""Coming back: save and return links, the confirmation again, view or withdraw."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from consult.edge import limits
from surveys import browser_drafts, services
from surveys.forms import ResumeEmailForm
from surveys.models import Draft, Response
from surveys.tokens import digest

from .common import (
    confirmation_page,
    display_answer,
    refusal,
    round_and_draft,
)


def confirmation(request, reference):
    """The confirmation again, for the browser whose draft became the response."""
    response = get_object_or_404(
        Response.objects.select_related("round__consultation"),
        reference=reference,
    )
    if not _sent_from_this_browser(request, response):
        raise Http404("No such response in this browser")
    return confirmation_page(request, response)


def _sent_from_this_browser(request, response: Response) -> bool:
    # The browser keeps its draft of the round after sending it (so that a
    # resend finds the response): that draft became, or changed, the response.
    draft_id = browser_drafts.draft_ids(request).get(str(response.round_id))
    if not draft_id:
        return False
    if draft_id == str(response.draft_id):
        return True
    return Draft.objects.filter(pk=draft_id, amends=response).exists()


@require_http_methods(["GET", "POST"])
@limits.rate_limited("save_draft")
def save(request, round_id):
    """Save and come back later: a personal link, shown, and e-mailed on request."""
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
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
        # Not through the outbox: the link's token is kept nowhere. If the
        # broker is down the page says so; the link is on it to copy.
        sent_to = services.send_resume_link_now(
            draft=draft, email=form.cleaned_data["email"], link=link
        )
        if sent_to is None:
            form.add_error(
                "email",
                "We could not send the e-mail just now. Copy the link above, "
                "or try again in a few minutes.",
            )
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
    if limits.exhausted(request, "resume_link_miss"):
        return limits.too_many_attempts(request, "resume_link_miss")
    draft = (
        Draft.objects.select_related("round")
        .filter(resume_token_hash=digest(token), response__isnull=True)
        .first()
    )
    if draft is None or not draft.round.is_open_at():
        limits.hit(request, "resume_link_miss")
        return render(request, "surveys/link_not_valid.html", status=404)
    return browser_drafts.open_in_browser(request, draft)


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """View your response, and withdraw it while the consultation is open."""
    if limits.exhausted(request, "resume_link_miss"):
        return limits.too_many_attempts(request, "resume_link_miss")
    response = (
        Response.objects.select_related("round__consultation", "round__survey")
        .filter(manage_token_hash=digest(token))
        .first()
    )
    if response is None:
        limits.hit(request, "resume_link_miss")
        return render(request, "surveys/link_not_valid.html", status=404)
    withdrawn_now = False
    if request.method == "POST" and request.POST.get("withdraw") == "yes":
        withdrawn_now = services.withdraw_response(response=response)
    elif request.method == "POST" and request.POST.get("change") == "yes":
        draft = services.start_change(response=response)
        if draft is not None:
            return browser_drafts.open_in_browser(request, draft)
    answers = [
        (a.question.label, display_answer(a.value if len(a.value) != 1 else a.value[0]))
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
