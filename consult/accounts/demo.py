"""Demo accounts, one per role. The password is public: demo databases only."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import User
from .roles import Role

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 -- demo data, printed by make run
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
        users[role or "admin"] = user
    demo["users"] = users
