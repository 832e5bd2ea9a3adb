"""Delete nominee contact details past the retention period (the scheduler runs it)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from consult.audiences.services import purge_contacts_past_retention


class Command(BaseCommand):
    help = (
        "Delete nominees' contact details once AUDIENCES_CONTACT_RETENTION_DAYS "
        "have passed since their consultation's outcome was published."
    )

    def handle(self, *args, **options):
        count = purge_contacts_past_retention()
        plural = "s" if count != 1 else ""
        self.stdout.write(
            f"Deleted the contact details of {count} nominee{plural} "
            f"(retention: {settings.AUDIENCES_CONTACT_RETENTION_DAYS} days after "
            "the outcome)."
        )
