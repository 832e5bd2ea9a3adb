"""The report as a PDF and as a workbook, for those who may read it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.edge import limits

from .exports import pdf_bytes, workbook_bytes
from .models import PdfExport
from .pdf_jobs import made_in_the_request, request_pdf
from .views import consultation_for, report_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, content_type: str, consultation, extension: str):
    response = HttpResponse(body, content_type=content_type)
    name = f"report-{slugify(consultation.title)[:50] or 'consultation'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@limits.rate_limited("export", per_user=True)
def report_xlsx(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    audit.record(AuditEntry.Action.EXPORT, target=consultation, detail="report.xlsx")
    report = report_for(request, consultation)
    return _download(workbook_bytes(report), XLSX, consultation, "xlsx")


@login_required
@limits.rate_limited("export", per_user=True)
def report_pdf(request, consultation_id):
    """Small reports: the PDF now. Large ones: a task, and a page to wait on."""
    consultation = consultation_for(request, consultation_id)
    audit.record(AuditEntry.Action.EXPORT, target=consultation, detail="report.pdf")
    report = report_for(request, consultation)
    if made_in_the_request(report.state):
        return _download(
            pdf_bytes(report, request=request), "application/pdf", consultation, "pdf"
        )
    export = request_pdf(
        consultation=consultation, user=request.user, query=report.filters.query()
    )
    return redirect(
        "reports:pdf_status", consultation_id=consultation.pk, export_id=export.pk
    )


def _export(request, consultation_id, export_id):
    consultation = consultation_for(request, consultation_id)
    return consultation, get_object_or_404(
        PdfExport.objects.defer("content"), pk=export_id, consultation=consultation
    )


@login_required
def pdf_status(request, consultation_id, export_id):
    consultation, export = _export(request, consultation_id, export_id)
    return render(
        request,
        "reports/pdf_status.html",
        {"consultation": consultation, "export": export},
    )


@login_required
def pdf_download(request, consultation_id, export_id):
    consultation, export = _export(request, consultation_id, export_id)
    if export.status != PdfExport.Status.DONE:
        raise Http404("This PDF is not ready yet.")
    export = PdfExport.objects.get(pk=export.pk)
    return _download(bytes(export.content), "application/pdf", consultation, "pdf")
