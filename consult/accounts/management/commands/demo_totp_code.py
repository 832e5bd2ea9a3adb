"""Print the current two-factor code of the demo accounts (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consult.accounts.demo import DEMO_TOTP_SECRET, current_totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo officer, lead and superuser."

    def handle(self, *args, **options):
        if not getattr(settings, "SHOW_DEMO_CREDENTIALS", False):
            raise CommandError("Only in development (consult.settings.dev).")
        self.stdout.write(
            f"{current_totp_code()}  (secret {DEMO_TOTP_SECRET}, changes every 30 s)"
        )
