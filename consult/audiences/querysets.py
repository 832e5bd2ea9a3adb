"""Reads for nominations and invitations."""

from datetime import timedelta

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
        """Sent, not answered, not reminded, in open rounds closing before the date.

        An invitation sent less than a day ago is not reminded yet.
        """
        now = timezone.now()
        return self.filter(
            sent_at__lte=now - timedelta(days=1),
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


def started_keys(round_) -> set[str]:
    """Admission keys with a draft in ``round_``: their invitations were started."""
    from surveys.models import Draft

    if round_ is None:
        return set()
    drafts = Draft.objects.filter(round=round_).exclude(admitted_by="")
    return set(drafts.values_list("admitted_by", flat=True))


class NominationRow:
    """One line of the nominations page: a nomination and its main-round status."""

    def __init__(self, nomination, invitation, started: bool):
        self.nomination = nomination
        self.invitation = invitation
        self.status = (
            invitation.status_given(started=started)
            if invitation
            else ("erased" if nomination.is_erased else "not_sent")
        )
        failures = [
            d
            for d in (invitation.deliveries.all() if invitation else [])
            if d.outcome == "failed"
        ]
        # The last failure, while it stands (a corrected address sends again).
        self.failure = (
            failures[-1] if failures and invitation and invitation.failed_at else None
        )
        self.not_sent_reason = ""

    @property
    def status_label(self):
        from .models import Invitation

        return Invitation.Status(self.status).label


def nomination_rows(consultation, services) -> list[NominationRow]:
    """The nominations of these services, each with its main-round status."""
    from .models import Invitation, Nomination

    main = consultation.main_round
    invitations = Invitation.objects.filter(round=main).prefetch_related("deliveries")
    nominations = list(
        Nomination.objects.filter(consultation=consultation, service__in=services)
        .select_related("service")
        .prefetch_related(models.Prefetch("invitations", queryset=invitations))
        .order_by("name", "created_at")
    )
    invited_to_main = {n.pk: next(iter(n.invitations.all()), None) for n in nominations}
    started = started_keys(main)
    rows = [
        NominationRow(
            n,
            invited_to_main[n.pk],
            bool(invited_to_main[n.pk])
            and invited_to_main[n.pk].admission_key in started,
        )
        for n in nominations
    ]
    from .corrections import not_sent_reason

    for row in rows:
        if row.status == "not_sent":
            row.not_sent_reason = not_sent_reason(row.nomination, main)
    return rows


def status_counts(rows) -> list[tuple[str, str, int]]:
    """(status, label, count) for each status that occurs, in the usual order."""
    from .models import Invitation

    counts = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return [
        (value, label, counts[value])
        for value, label in Invitation.Status.choices
        if value in counts
    ]
