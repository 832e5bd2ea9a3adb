"""A request starts a task; a real worker on Redis runs it against PostgreSQL."""

import pytest

from consult.accounts.models import User

pytestmark = pytest.mark.integration


def test_worker_health_check_round_trip(celery_worker, client):
    staff = User.objects.create_user("ops@example.org", "x" * 16, is_staff=True)
    client.force_login(staff)
    response = client.get("/health/worker/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    # Answered by the worker process, which reached PostgreSQL itself.
    assert body["answer"] == {"pong": True, "database": "postgresql"}
