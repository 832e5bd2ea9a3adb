"""Delete nominee contact details past the retention period (the scheduler runs it)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from consult.audiences.services import (
    purge_contacts_past_retention,
    purge_respondent_contacts,
)


class Command(BaseCommand):
    help = (
        "Delete nominees' contact details once AUDIENCES_CONTACT_RETENTION_DAYS "
        "have passed since their consultation's outcome was published."
    )

    def handle(self, *args, **options):
        respondents = purge_respondent_contacts()
        count = purge_contacts_past_retention()
        plural = "s" if count != 1 else ""
        self.stdout.write(
            f"Deleted the contact details of {count} nominee{plural} "
            f"(retention: {settings.AUDIENCES_CONTACT_RETENTION_DAYS} days after "
            "the outcome)."
        )
        self.stdout.write(
            f"Deleted the e-mail addresses of {respondents} respondent"
            f"{'s' if respondents != 1 else ''} (at the close without consent to "
            "be contacted again, on the same schedule with it)."
        )
