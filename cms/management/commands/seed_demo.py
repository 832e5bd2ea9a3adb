"""Build the demo site: the Children's Services consultation and everything around it.

Each app contributes a ``demo`` module with ``seed(demo: dict)``; they run in
the order below and share the ``demo`` dict (accounts, services, consultations,
pages ...). A module that does not exist yet is skipped.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consult.accounts.models import User

# accounts -> services -> consultations, rounds and pages -> surveys on those
# rounds -> nominations -> responses -> theme codebook and analysis -> a review
# period with its invitations and review responses -> the equality evidence.
STEPS = (
    "consult.accounts.demo",
    "consult.organisation.demo",
    "cms.demo",
    "surveys.demo",
    "consult.audiences.demo_nominations",
    "surveys.demo_responses",
    "consult.reports.equalities.demo",
    "consult.analysis.demo",
    "consult.audiences.demo_review",
    "consult.reports.equalities.demo_evidence",
)


class Command(BaseCommand):
    help = "Load the demo consultation site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (for make run).",
        )

    def handle(self, *args, if_empty=False, **options):
        # The demo's accounts have published passwords and TOTP secrets.
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Refusing to load the demo data: these settings do not allow it "
                "(DEMO_DATA_ALLOWED is off, as in production). The demo accounts' "
                "passwords and two-factor secrets are public."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has content: demo not loaded.")
            self._show_credentials()
            return
        demo: dict = {"stdout": self.stdout}
        with transaction.atomic():
            for name in STEPS:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.seed(demo)
                self.stdout.write(f"seeded {name}")
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))
        self._show_credentials()

    def _show_credentials(self):
        # Development only: these accounts exist only in a demo database.
        if not getattr(settings, "SHOW_DEMO_CREDENTIALS", False):
            return
        from consult.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

        self.stdout.write(
            f"\nDemo accounts (development only), password for all: {DEMO_PASSWORD}"
        )
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role or 'Superuser':16} {email}")
        # The site's address (make run sets it from HOST and PORT).
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin: {base}/admin/\n")
