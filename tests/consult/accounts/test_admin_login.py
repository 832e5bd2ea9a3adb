"""Both admins sign in through allauth, so two-factor sign-in cannot be skipped."""

import pytest
from django.contrib.auth import get_user

from consult.accounts.roles import Role
from tests.consult.accounts.factories import PASSWORD, totp_code, user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/admin/login/", "/accounts/login/?next=%2Fadmin%2F"),
        (
            "/admin/login/?next=/admin/pages/",
            "/accounts/login/?next=%2Fadmin%2Fpages%2F",
        ),
        (
            "/admin/login/?next=https://evil.example/",
            "/accounts/login/?next=%2Fadmin%2F",
        ),
        ("/django-admin/login/", "/accounts/login/?next=%2Fdjango-admin%2F"),
        (
            "/django-admin/login/?next=/django-admin/auth/",
            "/accounts/login/?next=%2Fdjango-admin%2Fauth%2F",
        ),
    ],
)
def test_admin_login_pages_redirect_to_allauth(client, path, expected):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_forms_do_not_accept_a_password(client, path):
    officer = user_with_role(Role.OFFICER, totp=True)
    response = client.post(path, {"username": officer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not get_user(client).is_authenticated


def test_anonymous_admin_visit_goes_to_allauth_login(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/pages/")


def test_officer_reaches_the_admin_through_password_and_code(client):
    officer = user_with_role(Role.OFFICER, totp=True)
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": officer.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # not signed in yet
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [Role.STAFF, Role.SERVICE_MANAGER, None])
def test_signed_in_people_without_admin_access_get_403_not_a_loop(client, role):
    client.force_login(user_with_role(role))
    for path in ("/admin/", "/admin/pages/", "/admin/login/", "/django-admin/"):
        assert client.get(path).status_code == 403, path


def test_refusal_page_says_what_to_do(client):
    client.force_login(user_with_role(Role.STAFF, email="tess@example.org"))
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot see this page" in html and "tess@example.org" in html
