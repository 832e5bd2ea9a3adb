"""Equality evidence pages. A consultation you may not read is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import rules
from .evidence import current_evidence
from .profile import margin
from .reach import advice_for, reach


def consultation_for(request, consultation_id):
    return get_object_or_404(
        rules.evidence_consultations(request.user).prefetch_related("rounds"),
        pk=consultation_id,
    )


@login_required
def evidence(request, consultation_id):
    """Who responded against who lives here; while open, whom to reach."""
    consultation = consultation_for(request, consultation_id)
    found = current_evidence(consultation)
    is_open = consultation.open_round() is not None
    gaps = [
        (p, advice_for(p.field))
        for p in found["profiles"]
        if p.under_represented and is_open
    ]
    return render(
        request,
        "reports/equalities/evidence.html",
        {
            **found,
            "consultation": consultation,
            "margin": margin(),
            "is_open": is_open,
            "reach": reach(consultation) if is_open else None,
            "gaps": gaps,
        },
    )
