"""Celery tasks for reports. Each takes ids, re-fetches, and is idempotent."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .aggregates import needs_refresh, refresh_figures
from .models import FiguresState


def wait_before_rebuilding(state: FiguresState) -> float:
    """Seconds to wait so that a busy consultation's figures are rebuilt at
    most once per ``REPORT_REFRESH_MIN_SECONDS`` (0: rebuild now)."""
    if settings.CELERY_TASK_ALWAYS_EAGER or state.built_at is None:
        return 0.0
    interval = timedelta(seconds=getattr(settings, "REPORT_REFRESH_MIN_SECONDS", 60))
    due = state.built_at + interval
    return max(0.0, (due - timezone.now()).total_seconds())


@shared_task(name="reports.refresh_figures")
def refresh_report_figures(consultation_id: str) -> bool:
    """Rebuild a consultation's report figures if they are stale.

    Many submissions queue many of these; the first rebuild after them clears
    the stale mark and the rest return at once. Right after a rebuild, the
    task waits (re-queued with a countdown) rather than rebuild again.
    """
    state = FiguresState.objects.filter(consultation_id=consultation_id).first()
    if state is None or not needs_refresh(state):
        return False
    wait = wait_before_rebuilding(state)
    if wait:
        refresh_report_figures.apply_async((consultation_id,), countdown=wait)
        return False
    refresh_figures(consultation_id=consultation_id)
    return True


@shared_task(name="reports.refresh_stale_figures")
def refresh_stale_figures() -> int:
    """Beat, every minute: rebuild the figures of every consultation marked
    stale whose last rebuild is old enough. Idempotent: fresh ones are left."""
    rebuilt = 0
    for state in FiguresState.objects.filter(stale_since__isnull=False):
        if not wait_before_rebuilding(state):
            refresh_figures(consultation_id=state.consultation_id)
            rebuilt += 1
    return rebuilt


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
