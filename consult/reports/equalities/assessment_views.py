"""The equality impact assessment pages: read by officers and the
consultation's leads, edited and submitted by officers; the submitted
version published with the outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from surveys.models import Consultation

from . import rules
from .assessment import (
    blank_content,
    changes,
    evidence_texts,
    prefilled_content,
    record_submission,
    save_version,
)
from .assessment_forms import AssessmentForm, SubmissionForm
from .evidence import current_evidence
from .exports import assessment_docx, assessment_pdf, rows
from .models import AssessmentVersion, Submission
from .views import consultation_for


def _versions(consultation):
    return AssessmentVersion.objects.filter(
        assessment__consultation=consultation
    ).select_related("created_by")


def _officer(request):
    if not rules.can_edit_assessment(request.user):
        raise PermissionDenied


@login_required
def assessment(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    latest = _versions(consultation).first()
    submissions = Submission.objects.filter(
        version__assessment__consultation=consultation
    ).select_related("version", "recorded_by")
    return render(
        request,
        "reports/equalities/assessment.html",
        {
            "consultation": consultation,
            "version": latest,
            "sections": list(rows(latest.content)) if latest else [],
            "submissions": submissions,
            "can_edit": rules.can_edit_assessment(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    _officer(request)
    latest = _versions(consultation).first()
    if latest:
        content = latest.content
    else:
        found = current_evidence(consultation)
        population = found["population"]
        content = prefilled_content(
            evidence_texts(
                profiles=found["profiles"],
                differences=found["differences"],
                impacts=found["impacts"],
                illustrative=bool(population and population.is_illustrative),
            )
        )
    form = AssessmentForm(
        request.POST or None,
        initial=AssessmentForm.initial_from(content or blank_content()),
    )
    if request.method == "POST" and form.is_valid():
        version = save_version(
            consultation=consultation,
            content=form.content(),
            user=request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(
            request, _("Saved as version %(number)s.") % {"number": version.number}
        )
        return redirect(
            "reports:equalities:assessment", consultation_id=consultation.pk
        )
    return render(
        request,
        "reports/equalities/assessment_edit.html",
        {"consultation": consultation, "form": form, "prefilled": latest is None},
    )


@login_required
def assessment_versions(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    versions = list(_versions(consultation).order_by("number"))
    history, previous = [], None
    for version in versions:
        history.append((version, changes(previous, version.content)))
        previous = version.content
    history.reverse()
    return render(
        request,
        "reports/equalities/assessment_versions.html",
        {"consultation": consultation, "history": history},
    )


@login_required
def assessment_version(request, consultation_id, number):
    consultation = consultation_for(request, consultation_id)
    version = get_object_or_404(_versions(consultation), number=number)
    return render(
        request,
        "reports/equalities/assessment.html",
        {
            "consultation": consultation,
            "version": version,
            "sections": list(rows(version.content)),
            "old_version": True,
        },
    )


def _file(version, fmt, consultation):
    if fmt == "pdf":
        body, content_type = assessment_pdf(version), "application/pdf"
    elif fmt == "docx":
        body = assessment_docx(version)
        content_type = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    title = slugify(consultation.title)[:40]
    name = f"equality-impact-assessment-{title}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def assessment_export(request, consultation_id, number, fmt):
    consultation = consultation_for(request, consultation_id)
    version = get_object_or_404(_versions(consultation), number=number)
    return _file(version, fmt, consultation)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_submit(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    _officer(request)
    versions = list(_versions(consultation).values_list("number", flat=True))
    if not versions:
        messages.error(request, _("Save the assessment before recording a submission."))
        return redirect(
            "reports:equalities:assessment", consultation_id=consultation.pk
        )
    form = SubmissionForm(
        request.POST or None, versions=versions, initial={"version": versions[0]}
    )
    if request.method == "POST" and form.is_valid():
        submission = record_submission(
            version=_versions(consultation).get(number=form.cleaned_data["version"]),
            meeting=form.cleaned_data["meeting"],
            meeting_date=form.cleaned_data["meeting_date"],
            user=request.user,
        )
        messages.success(
            request,
            f"Recorded: version {submission.version.number} went to "
            f"{submission.meeting}.",
        )
        return redirect(
            "reports:equalities:assessment", consultation_id=consultation.pk
        )
    return render(
        request,
        "reports/equalities/assessment_submit.html",
        {"consultation": consultation, "form": form},
    )


def assessment_published(request, consultation_id, number):
    """The PDF of a version decision-makers were given, for anyone, once the
    consultation's outcome is published; otherwise it does not exist."""
    consultation = get_object_or_404(
        Consultation, pk=consultation_id, outcome_published_at__isnull=False
    )
    version = get_object_or_404(
        AssessmentVersion,
        assessment__consultation=consultation,
        number=number,
        submissions__isnull=False,
    )
    return _file(version, "pdf", consultation)
