"""Health checks for monitoring: the site, and a round trip through the task queue."""

import logging

from celery.exceptions import TimeoutError as CeleryTimeout
from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .tasks import ping

log = logging.getLogger(__name__)


@never_cache
def health(request):
    """Is the site up and its database reachable? Public, and says nothing sensitive."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
@staff_member_required
def worker_health(request):
    """Send a task and wait for its answer: proves broker, worker and results work."""
    result = ping.delay()
    try:
        answer = result.get(timeout=10)
    except CeleryTimeout:
        log.warning("worker health check timed out", extra={"task_id": result.id})
        return JsonResponse({"status": "timeout", "task_id": result.id}, status=503)
    return JsonResponse({"status": "ok", "answer": answer, "task_id": result.id})
