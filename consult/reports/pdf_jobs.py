"""PDFs of large reports, made by a Celery task with its progress recorded.

A small report's PDF is made in the request; past
``REPORT_PDF_SYNC_LIMIT`` responses (2,000 by default) the reader gets a
page that shows the task's progress and, when it is done, the download.
"""

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from .aggregates import ensure_fresh
from .exports import pdf_bytes
from .figures import build_report
from .filters import read_filters
from .models import FigureCell, PdfExport


def made_in_the_request(state) -> bool:
    return state.responses <= getattr(settings, "REPORT_PDF_SYNC_LIMIT", 2000)


def request_pdf(*, consultation, user, query: str) -> PdfExport:
    """Queue a PDF of the report with these filters. Not idempotent: each
    request makes its own (the figures may have moved since the last)."""
    export = PdfExport.objects.create(
        consultation=consultation, requested_by=user, query=query[:1000]
    )
    from .tasks import build_report_pdf

    transaction.on_commit(lambda: build_report_pdf.delay(str(export.pk)))
    return export


def _step(export, status, step):
    PdfExport.objects.filter(pk=export.pk).update(status=status, step=step)


def build_pdf(*, export: PdfExport) -> None:
    """Make the PDF and keep it on the export. Skips one already made."""
    if export.status == PdfExport.Status.DONE:
        return
    consultation = export.consultation
    _step(export, PdfExport.Status.RUNNING, "Adding up the figures")
    state = ensure_fresh(consultation=consultation)
    rounds = {r.kind: r for r in consultation.rounds.all()}
    slices = FigureCell.objects.filter(consultation=consultation, measure="responses")
    filters = read_filters(
        QueryDict(export.query),
        rounds=rounds,
        types=set(slices.values_list("respondent_type", flat=True)),
        services=set(slices.values_list("service", flat=True)),
    )
    report = build_report(
        consultation=consultation, filters=filters, state=state, rounds=rounds
    )
    _step(export, PdfExport.Status.RUNNING, "Laying out the pages")
    body = pdf_bytes(report)
    PdfExport.objects.filter(pk=export.pk).update(
        status=PdfExport.Status.DONE,
        step="",
        content=body,
        finished_at=timezone.now(),
    )
