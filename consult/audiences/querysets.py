"""Reads for nominations and invitations."""

from django.db import models
from django.utils import timezone


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every nomination; a service manager their services' only."""
        from consult.accounts.rules import is_officer

        if is_officer(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(service__managers=user)

    def with_contact(self):
        return self.filter(contact_erased_at__isnull=True)


class InvitationQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True, nomination__contact_erased_at=None)

    def due_reminder(self, *, closing_before):
        """Sent, not answered, not reminded, in open rounds closing before the date."""
        now = timezone.now()
        return self.filter(
            sent_at__isnull=False,
            failed_at__isnull=True,
            responded_at__isnull=True,
            reminder_sent_at__isnull=True,
            nomination__contact_erased_at=None,
            round__opens_at__lte=now,
            round__closes_at__gt=now,
            round__closes_at__lte=closing_before,
        )

    def past_close_unexpired(self):
        return self.filter(
            expired_at__isnull=True,
            responded_at__isnull=True,
            round__closes_at__lte=timezone.now(),
        )


def started_keys(invitations) -> set[str]:
    """Admission keys of these invitations that have a draft in progress."""
    from surveys.models import Draft

    keys = [i.admission_key for i in invitations]
    found = Draft.objects.filter(admitted_by__in=keys).values_list(
        "admitted_by", flat=True
    )
    return set(found)
