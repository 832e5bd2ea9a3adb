"""The report as a PDF and as a workbook, for those who may read it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify

from .exports import pdf_bytes, workbook_bytes
from .views import consultation_for, report_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, content_type: str, consultation, extension: str):
    response = HttpResponse(body, content_type=content_type)
    name = f"report-{slugify(consultation.title)[:50] or 'consultation'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_xlsx(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    report = report_for(request, consultation)
    return _download(workbook_bytes(report), XLSX, consultation, "xlsx")


@login_required
def report_pdf(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    report = report_for(request, consultation)
    return _download(
        pdf_bytes(report, request=request), "application/pdf", consultation, "pdf"
    )
