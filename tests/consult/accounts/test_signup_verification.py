"""Password accounts must verify their e-mail address before they can sign in."""

import re

import pytest
from django.contrib.auth import get_user
from django.core import mail

from consult.accounts.models import User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "kettle-harbour-violet-2026"  # noqa: S105


def test_signup_needs_email_verification_before_sign_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.staff@example.org",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not get_user(client).is_authenticated
    assert User.objects.filter(email="new.staff@example.org").exists()

    # Signing in before verifying is refused: another e-mail goes out instead.
    response = client.post(
        "/accounts/login/",
        {"login": "new.staff@example.org", "password": GOOD_PASSWORD},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert not get_user(client).is_authenticated

    link = re.search(
        r"http://testserver(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body
    )
    assert link, mail.outbox[0].body
    page = client.get(link.group(1))
    assert page.status_code == 200
    client.post(link.group(1))
    response = client.post(
        "/accounts/login/",
        {"login": "new.staff@example.org", "password": GOOD_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert get_user(client).email == "new.staff@example.org"


@pytest.mark.parametrize(
    "password, message",
    [
        ("short-pass1", "at least 12 characters"),
        ("password1234", "too common"),
    ],
)
def test_password_rules_length_and_common_passwords(client, password, message):
    response = client.post(
        "/accounts/signup/",
        {"email": "p@example.org", "password1": password, "password2": password},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'href="#id_password1"' in html
    assert not User.objects.filter(email="p@example.org").exists()


def test_a_long_lowercase_passphrase_is_enough(client):
    """Length over composition: no rules about digits, capitals or symbols."""
    phrase = "correct horse battery staple"
    client.post(
        "/accounts/signup/",
        {"email": "q@example.org", "password1": phrase, "password2": phrase},
    )
    assert User.objects.filter(email="q@example.org").exists()
