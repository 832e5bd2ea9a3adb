"""Viewing, changing and withdrawing a sent response.

Three ways in, none of them by the reference alone: the personal link in the
receipt e-mail; the browser the response was sent from (its confirmation page
links here); and, from any device, the reference with the e-mail address the
receipt went to, which e-mails a new personal link to that address. The last
answers the same whether or not they match, so it tells nobody which
references exist, and it is rate-limited per address. Withdrawing asks for
confirmation first.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from consult.edge import limits
from surveys import browser_drafts, services
from surveys.forms import FindResponseForm
from surveys.links import site_url
from surveys.models import Response
from surveys.tokens import digest
from surveys.versions import version_of, worded

from .common import display_answer
from .returning import sent_from_this_browser


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """The receipt's personal link."""
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
    return manage_page(request, response)


@require_http_methods(["GET", "POST"])
def manage_here(request, reference):
    """The same page for the browser the response was sent from (no e-mail needed)."""
    response = get_object_or_404(
        Response.objects.select_related("round__consultation", "round__survey"),
        reference=reference,
    )
    if response.is_assisted or not sent_from_this_browser(request, response):
        raise Http404("No such response in this browser")
    return manage_page(request, response)


def manage_page(request, response: Response):
    """View the answers; change them, or withdraw after confirming, while open."""
    action = request.POST.get("withdraw") if request.method == "POST" else None
    can_withdraw = response.round.is_open_at() and not response.is_withdrawn
    if action == "yes" and can_withdraw:
        # GOV.UK's pattern for something that cannot be undone: ask first.
        return render(request, "surveys/withdraw_confirm.html", {"response": response})
    withdrawn_now = False
    if action == "confirmed":
        withdrawn_now = services.withdraw_response(response=response)
    elif request.method == "POST" and request.POST.get("change") == "yes":
        draft = services.start_change(response=response)
        if draft is not None:
            return browser_drafts.open_in_browser(request, draft)
    current = list(
        response.answers.filter(is_current=True)
        .select_related("question")
        .order_by("question__sort_order")
    )
    # The questions in the words of the version answered (a language's, say).
    version = version_of(response.round.survey, response.variant)
    questions = worded([a.question for a in current], version)
    answers = [
        (q.label, display_answer(a.value if len(a.value) != 1 else a.value[0]))
        for a, q in zip(current, questions, strict=True)
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


@require_http_methods(["GET", "POST"])
def find(request):
    """The reference and the e-mail address: a new personal link by e-mail."""
    form = FindResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        # Each try counts, match or not: the limit stops guessing references.
        if limits.hit(request, "find_response"):
            return limits.too_many_attempts(request, "find_response")
        if form.is_valid():
            services.send_manage_link_if_matching(
                reference=form.cleaned_data["reference"],
                email=form.cleaned_data["email"],
                site=site_url(request),
            )
            return render(
                request,
                "surveys/find_response.html",
                {"form": None, "sent_to": form.cleaned_data["email"]},
            )
    return render(
        request,
        "surveys/find_response.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
