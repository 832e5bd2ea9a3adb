"""Review periods in the Wagtail admin, for officers: plan one and invite people.

Hand-written pages (a listing of consultations with their review state, and a
planning form) hung off the "Review periods" viewset (``admin_viewsets.py``),
which gives them their URLs and their place in the Consultations menu. A
consultation whose main round has not closed cannot get a review period;
anyone but an officer is refused.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from consult.accounts.rules import is_officer
from surveys.models import Consultation

from . import review
from .review_forms import ReviewRoundForm


def _require_officer(request):
    if not is_officer(request.user):
        raise PermissionDenied


def review_index(request):
    _require_officer(request)
    consultations = Consultation.objects.prefetch_related("rounds").order_by("title")
    rows = [(c, review.can_open_review(c)) for c in consultations]
    return render(request, "audiences/review_index.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def review_open(request, consultation_id):
    _require_officer(request)
    consultation = get_object_or_404(
        Consultation.objects.prefetch_related("rounds"), pk=consultation_id
    )
    if not review.can_open_review(consultation):
        messages.error(request, _("The main round has not closed yet."))
        return redirect("review_periods:index")
    themes = review.draft_themes(consultation)
    current = consultation.review_round
    now = timezone.now().replace(second=0, microsecond=0)
    initial = {
        "opens_at": current.opens_at if current else now,
        "closes_at": current.closes_at if current else now + timedelta(days=21),
        "summary": (current.summary if current and current.summary else "")
        or review.summary_from(themes),
        "themes": [str(d.theme.pk) for d in themes],
    }
    form = ReviewRoundForm(request.POST or None, initial=initial, draft_themes=themes)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = review.open_review_round(
                consultation=consultation,
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                summary=form.cleaned_data["summary"],
                themes=form.chosen_themes(),
                by=request.user,
            )
        except review.ReviewNotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            invited = round_.invitations.count()
            messages.success(
                request,
                ngettext(
                    "The review period is planned: %(count)s person is invited.",
                    "The review period is planned: %(count)s people are invited.",
                    invited,
                )
                % {"count": invited},
            )
            return redirect("review_periods:index")
    return render(
        request,
        "audiences/review_open.html",
        {"consultation": consultation, "form": form, "themes": themes},
        status=400 if form.errors else 200,
    )
