import pytest

from tests.conftest import with_totp

pytestmark = pytest.mark.django_db


def test_health_check_is_public_and_says_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_worker_check_runs_eagerly_without_a_broker(admin_client, admin_user):
    with_totp(admin_user)  # superusers must have two-factor set up to use the site
    body = admin_client.get("/health/worker/").json()
    assert body["status"] == "ok" and body["answer"]["pong"] is True


def test_worker_check_is_for_staff_only(client):
    assert client.get("/health/worker/").status_code == 302
