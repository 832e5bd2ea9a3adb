"""Two-factor authentication is required for superusers, officers and project leads."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user

from consult.accounts.demo import current_totp_code
from consult.accounts.middleware import MFA_REQUIRED_MESSAGE
from consult.accounts.roles import Role
from tests.consult.accounts.factories import sign_in, totp_code, user_with_role

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize(
    "role, extra",
    [(Role.OFFICER, {}), (Role.PROJECT_LEAD, {}), (None, {"is_superuser": True})],
)
def test_role_without_totp_is_sent_to_set_it_up(client, role, extra):
    user = user_with_role(role, **extra)
    sign_in(client, user)
    for path in ("/", "/admin/", "/search/", "/django-admin/", "/respond/done/x/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE, path
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert str(MFA_REQUIRED_MESSAGE) in page.content.decode()
    # Signing out stays possible.
    assert client.get("/accounts/logout/").status_code == 200


def test_setting_up_totp_opens_the_admin(client):
    officer = user_with_role(Role.OFFICER)
    sign_in(client, officer)
    page = client.get(ACTIVATE)
    code = current_totp_code(page.context["form"].secret)
    response = client.post(ACTIVATE, {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=officer, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/admin/").status_code == 200


def test_wrong_setup_code_is_refused_with_a_linked_error(client):
    officer = user_with_role(Role.OFFICER)
    sign_in(client, officer)
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": "000000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_code"' in html
    assert not Authenticator.objects.filter(user=officer).exists()


def test_officer_with_totp_must_enter_a_code_to_sign_in(client):
    officer = user_with_role(Role.OFFICER, totp=True)
    response = client.post(
        "/accounts/login/",
        {"login": officer.email, "password": "a-long-test-password-2026"},
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not get_user(client).is_authenticated
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not get_user(client).is_authenticated
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert get_user(client) == officer
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [Role.STAFF, Role.SERVICE_MANAGER, None])
def test_other_roles_are_not_asked(client, role):
    user = user_with_role(role)
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert get_user(client) == user
    assert client.get("/search/").status_code == 200


def test_createsuperuser_account_confirms_email_then_sets_up_totp(client):
    """A superuser made on the command line has no verified address yet."""
    from django.core import mail

    from consult.accounts.models import User

    admin = User.objects.create_superuser(
        "root@example.org", "a-long-test-password-2026"
    )
    response = client.post(
        "/accounts/login/",
        {"login": admin.email, "password": "a-long-test-password-2026"},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert not get_user(client).is_authenticated
    assert len(mail.outbox) == 1
