"""Comparing rounds (main against review) for officers and project leads."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.edge import limits
from consult.sheets import csv_writer

from . import rules
from .comparison import RoundComparison, compare_rounds


def _consultation(request, consultation_id):
    return get_object_or_404(
        rules.readable_consultations(request.user).prefetch_related("rounds"),
        pk=consultation_id,
    )


@login_required
def compare(request, consultation_id):
    """The main round against the review round: did we hear people right?"""
    consultation = _consultation(request, consultation_id)
    audit.record(AuditEntry.Action.VIEW_QUOTES, target=consultation, detail="compare")
    return render(
        request,
        "reports/compare.html",
        {"consultation": consultation, "comparison": compare_rounds(consultation)},
    )


@login_required
@limits.rate_limited("export", per_user=True)
def compare_csv(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    audit.record(AuditEntry.Action.EXPORT, target=consultation, detail="compare.csv")
    comparison = compare_rounds(consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"compare-rounds-{slugify(consultation.title)[:50]}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv_writer(response)
    writer.writerow(RoundComparison.CSV_HEADER)
    writer.writerows(comparison.csv_rows())
    return response
