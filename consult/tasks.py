from celery import shared_task
from django.db import connection


@shared_task(name="consult.ping")
def ping() -> dict:
    """Answer from the worker, with which database it reached (for health checks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"pong": True, "database": connection.vendor}
