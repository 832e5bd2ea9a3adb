"""Candidate themes in the Wagtail admin: what discovery proposes, and
accepting, renaming, merging or dismissing each proposal.

Officers, and project leads for consultations they lead (``rules.py``). A
consultation or candidate someone may not read is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules
from .candidate_services import (
    CandidateError,
    accept_candidate,
    dismiss_candidate,
    merge_candidates,
    rename_candidate,
)
from .candidates import CandidateTheme
from .forms import CandidateMergeForm, CandidateRenameForm


def _consultation(request, consultation_id):
    consultation = get_object_or_404(
        rules.reviewable_consultations(request.user), pk=consultation_id
    )
    if not rules.can_shape_themes(request.user, consultation):
        raise PermissionDenied
    return consultation


def _candidate(request, consultation_id, candidate_id):
    consultation = _consultation(request, consultation_id)
    return consultation, get_object_or_404(
        CandidateTheme, pk=candidate_id, consultation=consultation
    )


def _back(consultation):
    return redirect("analysis_candidates", consultation_id=consultation.pk)


def candidates(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    rows = list(consultation.candidate_themes.select_related("theme", "merged_into"))
    proposed = [c for c in rows if c.status == CandidateTheme.Status.PROPOSED]
    decided = [c for c in rows if c.status != CandidateTheme.Status.PROPOSED]
    return render(
        request,
        "analysis/candidates.html",
        {"consultation": consultation, "proposed": proposed, "decided": decided},
    )


@require_POST
def refresh(request, consultation_id):
    from .tasks import refresh_candidate_themes

    consultation = _consultation(request, consultation_id)
    transaction.on_commit(lambda: refresh_candidate_themes.delay(str(consultation.pk)))
    messages.success(
        request,
        _(
            "Looking for candidate themes in the analysed answers. "
            "For a large consultation this takes a minute or two: reload this page."
        ),
    )
    return _back(consultation)


@require_POST
def accept(request, consultation_id, candidate_id):
    consultation, candidate = _candidate(request, consultation_id, candidate_id)
    try:
        theme = accept_candidate(candidate=candidate, user=request.user)
    except CandidateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "“%(theme)s” is now a theme in the codebook. "
                "Run analysis again to tag answers with it."
            )
            % {"theme": theme.name},
        )
    return _back(consultation)


@require_POST
def dismiss(request, consultation_id, candidate_id):
    consultation, candidate = _candidate(request, consultation_id, candidate_id)
    try:
        dismiss_candidate(candidate=candidate, user=request.user)
    except CandidateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("“%(theme)s” dismissed.") % {"theme": candidate.label}
        )
    return _back(consultation)


def rename(request, consultation_id, candidate_id):
    consultation, candidate = _candidate(request, consultation_id, candidate_id)
    form = CandidateRenameForm(request.POST or None, initial={"label": candidate.label})
    if request.method == "POST" and form.is_valid():
        try:
            rename_candidate(
                candidate=candidate, label=form.cleaned_data["label"], user=request.user
            )
        except CandidateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Renamed to “%(theme)s”.") % {"theme": form.cleaned_data["label"]},
            )
        return _back(consultation)
    return render(
        request,
        "analysis/candidate_rename.html",
        {"consultation": consultation, "candidate": candidate, "form": form},
    )


def merge(request, consultation_id, candidate_id):
    consultation, candidate = _candidate(request, consultation_id, candidate_id)
    others = consultation.candidate_themes.filter(
        status=CandidateTheme.Status.PROPOSED
    ).exclude(pk=candidate.pk)
    form = CandidateMergeForm(
        request.POST if request.method == "POST" else None, candidates=others
    )
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            merge_candidates(candidate=candidate, into=into, user=request.user)
        except CandidateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"“{candidate.label}” merged into “{into.label}”."
            )
        return _back(consultation)
    return render(
        request,
        "analysis/candidate_merge.html",
        {"consultation": consultation, "candidate": candidate, "form": form},
    )
