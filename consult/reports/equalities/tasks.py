"""Celery tasks for the equality evidence. Each takes ids and is idempotent."""

from celery import shared_task

from .evidence import refresh_evidence, refresh_stale


@shared_task(name="equality_evidence.refresh")
def refresh_evidence_task(consultation_id: str) -> bool:
    """Rebuild one consultation's stored evidence if it no longer matches what
    it was built from. Returns quietly when the consultation is gone."""
    return refresh_evidence(consultation_id=consultation_id) is not None


@shared_task(name="equality_evidence.refresh_stale")
def refresh_stale_evidence() -> int:
    """Beat, every minute: rebuild every stale equality evidence snapshot."""
    return refresh_stale()
