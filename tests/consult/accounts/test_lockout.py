"""Repeated failed sign-ins lock the account out from that address, clearly."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user

from tests.consult.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _attempt(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_lockout_after_five_failures_even_with_the_right_password(client, axes_on):
    person = user_with_role(None)
    for _ in range(4):
        response = _attempt(client, person.email, "wrong-password-000")
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    locked = _attempt(client, person.email, "wrong-password-000")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "You cannot sign in for now" in html
    assert "5 failed attempts" in html
    assert "Try again in 1 hour" in html
    assert "reset your password" in html and "Get help" in html
    assert html.count("<h1") == 1

    again = _attempt(client, person.email, PASSWORD)
    assert again.status_code == 429
    assert not get_user(client).is_authenticated
    attempt = AccessAttempt.objects.get()
    assert attempt.username == person.email


def test_case_of_the_address_does_not_reset_the_count(client, axes_on):
    person = user_with_role(None)
    for n in range(5):
        email = person.email.upper() if n % 2 else person.email
        response = _attempt(client, email, "wrong-password-000")
    assert response.status_code == 429


def test_other_accounts_from_the_same_address_are_not_locked(client, axes_on):
    victim, other = user_with_role(None), user_with_role(None)
    for _ in range(5):
        _attempt(client, victim.email, "wrong-password-000")
    response = _attempt(client, other.email, PASSWORD)
    assert response.status_code == 302
    assert get_user(client) == other


def test_success_resets_the_count(client, axes_on):
    person = user_with_role(None)
    for _ in range(4):
        _attempt(client, person.email, "wrong-password-000")
    assert _attempt(client, person.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, person.email, "wrong-password-000").status_code == 200


def test_rate_limited_sign_in_gets_a_clear_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        _attempt(client, "someone@example.org", "wrong-password-000")
    response = _attempt(client, "someone@example.org", "wrong-password-000")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_login_codes_are_limited_per_address(client):
    """At most 3 codes per address in 5 minutes, whoever asks."""
    from django.core import mail

    person = user_with_role(None)
    for _ in range(5):
        client.post("/accounts/login/code/", {"email": person.email})
        client.cookies.clear()  # a new browser each time
    assert len(mail.outbox) == 3
