from celery import shared_task


@shared_task(name="outbox.sweep")
def sweep_outbox() -> int:
    """Send tasks a broker outage or a crash left in the outbox. Idempotent."""
    from .services import sweep

    return sweep()
