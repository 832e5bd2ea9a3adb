"""Admin view: an officer drafts the outcome page from the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.accounts.rules import is_officer
from consult.reports.rules import readable_consultations

from .outcome_drafting import NoConsultationPage, draft_outcome


@require_POST
def draft_outcome_from_report(request, consultation_id):
    if not is_officer(request.user):
        raise PermissionDenied
    consultation = get_object_or_404(
        readable_consultations(request.user), pk=consultation_id
    )
    try:
        page = draft_outcome(consultation=consultation, user=request.user)
    except NoConsultationPage:
        messages.error(
            request,
            _(
                "This consultation has no page yet: publish its consultation page "
                "first, then draft the outcome."
            ),
        )
        return redirect("reports:report", consultation_id=consultation.pk)
    messages.success(
        request,
        _(
            "The outcome page is drafted from the report. Write what we will do "
            "for each theme, with an owner and a due date, then publish it."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
