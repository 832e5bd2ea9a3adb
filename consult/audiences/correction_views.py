"""A service manager corrects a bounced nominee's contact details and the
invitation goes again (corrections.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import corrections, rules
from .forms import ContactCorrectionForm
from .models import Nomination


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, nomination_id):
    if not rules.can_use_nominations(request.user):
        raise PermissionDenied
    nomination = get_object_or_404(
        Nomination.objects.visible_to(request.user).select_related(
            "consultation", "service"
        ),
        pk=nomination_id,
    )
    if not rules.can_erase(request.user, nomination):
        raise PermissionDenied
    back = redirect("audiences:nominations", consultation_id=nomination.consultation_id)
    if not corrections.can_correct(nomination):
        messages.info(request, _("Nothing to correct: no message to them has bounced"))
        return back
    form = ContactCorrectionForm(
        request.POST if request.method == "POST" else None,
        nomination=nomination,
        initial={"email": nomination.email, "mobile": nomination.mobile},
    )
    if request.method == "POST" and form.is_valid():
        corrections.correct_contact(
            nomination=nomination,
            email=form.cleaned_data["email"],
            mobile=form.cleaned_data["mobile"],
            by=request.user,
        )
        messages.success(
            request, f"{nomination.name}'s details are corrected and sent again"
        )
        return back
    return render(
        request,
        "audiences/correct.html",
        {"nomination": nomination, "form": form},
        status=400 if form.errors else 200,
    )
