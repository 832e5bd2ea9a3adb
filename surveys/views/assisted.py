"""Pages where a member of staff starts an assisted response.

After the start page the normal responding pages take over (``responding.py``);
the draft carries the assisted fields.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from surveys.assisted import CONSENT_WORDING, start_assisted_draft
from surveys.browser_drafts import open_in_browser
from surveys.forms import AssistedStartForm
from surveys.models import Round
from surveys.rules import can_assist
from surveys.services import RoundClosed

from .common import round_closed_page


def _staff_only(request):
    if not can_assist(request.user):
        raise PermissionDenied("Only staff may start an assisted response.")


@login_required
def assist_index(request):
    """The rounds open now, any audience, that staff can help someone answer."""
    _staff_only(request)
    rounds = (
        Round.objects.open_at()
        .filter(survey__isnull=False)
        .select_related("consultation")
        .order_by("closes_at")
    )
    return render(request, "surveys/assist_index.html", {"rounds": rounds})


@login_required
@require_http_methods(["GET", "POST"])
def assist_start(request, round_id):
    """Choose how you are helping, confirm consent, then answer the survey."""
    _staff_only(request)
    round_ = get_object_or_404(
        Round.objects.select_related("consultation", "survey"), pk=round_id
    )
    if round_.survey is None or not round_.is_open_at():
        return round_closed_page(request, round_)
    form = AssistedStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = start_assisted_draft(
                round_=round_,
                staff_user=request.user,
                **form.cleaned_data,  # channel, language, consent
            )
        except RoundClosed:
            return round_closed_page(request, round_)
        return open_in_browser(request, draft)
    return render(
        request,
        "surveys/assist_start.html",
        {"round": round_, "form": form, "consent_wording": CONSENT_WORDING},
        status=400 if form.errors else 200,
    )
