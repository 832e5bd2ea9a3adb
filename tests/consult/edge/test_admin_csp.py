"""The admins get a Content-Security-Policy of their own; the site keeps its own."""

import pytest

pytestmark = pytest.mark.django_db


def policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/", "/admin/"])
def test_the_admins_have_their_own_policy(client, path):
    csp = policy(client.get(path))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


def test_a_signed_in_admin_page_has_it_too(admin_client):
    from consult.accounts.models import User
    from tests.conftest import with_totp

    with_totp(User.objects.get(is_superuser=True))
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_the_public_site_keeps_its_strict_policy(client):
    csp = policy(client.get("/search/"))
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
