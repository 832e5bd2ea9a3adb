"""The demo accounts work with two-factor authentication out of the box."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from consult.accounts import demo
from consult.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_officer_signs_in_to_the_admin_with_the_demo_secret(client):
    demo.seed({})
    for email in ("admin@example.org", "officer@example.org", "lead@example.org"):
        assert Authenticator.objects.filter(user__email=email).exists(), email
    for email in ("manager@example.org", "staff@example.org"):
        assert not Authenticator.objects.filter(user__email=email).exists(), email
    client.post(
        "/accounts/login/",
        {"login": "officer@example.org", "password": demo.DEMO_PASSWORD},
    )
    client.post("/accounts/2fa/authenticate/", {"code": demo.current_totp_code()})
    assert client.get("/admin/").status_code == 200
    assert User.objects.count() == len(demo.DEMO_ACCOUNTS)


def test_demo_code_command_is_for_development_only(settings, capsys):
    settings.SHOW_DEMO_CREDENTIALS = False
    with pytest.raises(CommandError):
        call_command("demo_totp_code")
    settings.SHOW_DEMO_CREDENTIALS = True
    call_command("demo_totp_code")
    out = capsys.readouterr().out
    assert re.match(r"\d{6}  \(secret " + demo.DEMO_TOTP_SECRET, out), out
