"""Coming back: save and return links, the confirmation again."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consult.edge import limits
from surveys import browser_drafts, services
from surveys.forms import ResumeEmailForm
from surveys.links import absolute_reverse, site_url
from surveys.models import Draft, Response
from surveys.sections import live_sections, resume_section
from surveys.tokens import digest

from .common import confirmation_page, refusal, round_and_draft


def confirmation(request, reference):
    """The confirmation again, for the browser whose draft became the response."""
    response = get_object_or_404(
        Response.objects.select_related("round__consultation"),
        reference=reference,
    )
    if not sent_from_this_browser(request, response):
        raise Http404("No such response in this browser")
    return confirmation_page(request, response)


def sent_from_this_browser(request, response: Response) -> bool:
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
    """Save and come back later: a personal link, shown, and e-mailed on request.

    Opening this page (pressing "Save and come back later") makes a new link,
    which replaces any earlier one: that is the person's own choice. Asking
    for the link by e-mail sends the link already on the screen, so it keeps
    working; the page posts it back and it is used only if it is still the
    draft's current link.
    """
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
        return refused
    if draft is None:
        return redirect("surveys:start", round_id=round_.pk)
    form = ResumeEmailForm(request.POST if "email" in request.POST else None)
    token = request.POST.get("token", "")
    if not (token and draft.resume_token_hash == digest(token)):
        token = services.issue_resume_link(draft=draft)
    link = absolute_reverse("surveys:resume", site=site_url(request), token=token)
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
                _(
                    "We could not send the e-mail just now. Copy the link above, "
                    "or try again in a few minutes."
                ),
            )
    return render(
        request,
        "surveys/saved.html",
        {
            "round": round_,
            "link": link,
            "token": token,
            "form": form,
            "sent_to": sent_to,
        },
    )


def resume(request, token):
    """Open a saved draft from its link, in this or any browser, at the section
    where the person stopped."""
    if limits.exhausted(request, "resume_link_miss"):
        return limits.too_many_attempts(request, "resume_link_miss")
    draft = (
        Draft.objects.select_related("round__survey")
        .filter(resume_token_hash=digest(token), response__isnull=True)
        .first()
    )
    if draft is None or not draft.round.is_open_at():
        limits.hit(request, "resume_link_miss")
        return render(request, "surveys/link_not_valid.html", status=404)
    number = resume_section(live_sections(draft.round.survey), draft.answers)
    return browser_drafts.open_in_browser(request, draft, number=number)
