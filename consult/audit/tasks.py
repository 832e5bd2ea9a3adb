from celery import shared_task


@shared_task(name="audit.purge_expired")
def purge_expired_entries() -> int:
    """Delete audit entries past AUDIT_RETENTION_DAYS. Idempotent."""
    from .services import purge_expired

    return purge_expired()
