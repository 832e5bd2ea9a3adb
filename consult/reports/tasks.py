"""Celery tasks for reports. Each takes ids, re-fetches, and is idempotent."""

from celery import shared_task

from .aggregates import needs_refresh, refresh_figures
from .models import FiguresState


@shared_task(name="reports.refresh_figures")
def refresh_report_figures(consultation_id: str) -> bool:
    """Rebuild a consultation's report figures if they are stale.

    Many submissions queue many of these; the first rebuild after them clears
    the stale mark and the rest return at once.
    """
    state = FiguresState.objects.filter(consultation_id=consultation_id).first()
    if state is None or not needs_refresh(state):
        return False
    refresh_figures(consultation_id=consultation_id)
    return True


@shared_task(name="reports.build_pdf")
def build_report_pdf(export_id: str) -> bool:
    """Make a queued report PDF. Returns quietly if it is gone or made."""
    from .models import PdfExport
    from .pdf_jobs import build_pdf

    export = (
        PdfExport.objects.select_related("consultation").filter(pk=export_id).first()
    )
    if export is None or export.status == PdfExport.Status.DONE:
        return False
    try:
        build_pdf(export=export)
    except Exception:
        PdfExport.objects.filter(pk=export_id).update(
            status=PdfExport.Status.FAILED, step=""
        )
        raise
    return True
