"""Demo accounts, one per role. The password and TOTP secret are public: demo
databases only.

Superusers, officers and project leads must use two-factor authentication, so
their demo accounts come with an authenticator already set up on a known
secret. ``python manage.py demo_totp_code`` prints its current code (in
development only), or add the secret to any authenticator app.
"""

import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth.models import Group

from .models import User
from .roles import Role

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 -- demo data, printed by make run
# Base32; demo data only, printed with the credentials in development.
DEMO_TOTP_SECRET = "SOUNDINGBOARDDEMOTOTP234"  # noqa: S105
DEMO_ACCOUNTS = (
    ("admin@example.org", None),
    ("officer@example.org", Role.OFFICER),
    ("lead@example.org", Role.PROJECT_LEAD),
    ("manager@example.org", Role.SERVICE_MANAGER),
    ("staff@example.org", Role.STAFF),
)
NAMES = {
    "admin@example.org": ("Ada", "Admin"),
    "officer@example.org": ("Olu", "Officer"),
    "lead@example.org": ("Priya", "Lead"),
    "manager@example.org": ("Sam", "Manager"),
    "staff@example.org": ("Tess", "Staff"),
}


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``."""
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def seed(demo: dict) -> None:
    users = {}
    for email, role in DEMO_ACCOUNTS:
        first, last = NAMES[email]
        if role is None:
            user = User.objects.create_superuser(email, DEMO_PASSWORD)
        else:
            user = User.objects.create_user(email, DEMO_PASSWORD, is_staff=False)
            user.groups.add(Group.objects.get(name=role))
        user.first_name, user.last_name = first, last
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if role is None or role in Role.REQUIRE_MFA:
            Authenticator.objects.create(
                user=user,
                type=Authenticator.Type.TOTP,
                data={"secret": DEMO_TOTP_SECRET},
            )
        users[role or "admin"] = user
    demo["users"] = users
    if getattr(settings, "SHOW_DEMO_CREDENTIALS", False) and "stdout" in demo:
        demo["stdout"].write(
            "Demo superuser, officer and project lead sign in with two-factor "
            f"authentication: TOTP secret {DEMO_TOTP_SECRET} (add it to an "
            "authenticator app, or run `python manage.py demo_totp_code`)."
        )
