from django.db import models
from django.utils import timezone


class ConsultationQuerySet(models.QuerySet):
    def open_at(self, when=None):
        """Consultations with a round taking responses at ``when`` (now by default)."""
        when = when or timezone.now()
        return self.filter(
            rounds__opens_at__lte=when, rounds__closes_at__gt=when
        ).distinct()

    def readable_by(self, user):
        """The consultations whose reports and analysis ``user`` may read.

        Officers read every one; a project lead only those they lead.
        """
        from consult.accounts.roles import Role
        from consult.accounts.rules import is_officer

        if is_officer(user):
            return self.all()
        if user.is_authenticated and user.has_role(Role.PROJECT_LEAD):
            return self.filter(leads=user)
        return self.none()


class RoundQuerySet(models.QuerySet):
    def open_at(self, when=None):
        when = when or timezone.now()
        return self.filter(opens_at__lte=when, closes_at__gt=when)


class ResponseQuerySet(models.QuerySet):
    """Reports separate responses by how they were made (see ``channels.py``)."""

    def assisted(self):
        from .channels import ASSISTED_CHANNELS

        return self.filter(channel__in=ASSISTED_CHANNELS)

    def self_completed(self):
        from .channels import Channel

        return self.filter(channel=Channel.ONLINE)

    def imported(self):
        from .channels import Channel

        return self.filter(channel=Channel.IMPORTED)


class AnswerQuerySet(models.QuerySet):
    def current(self):
        """Answers in the latest version of responses that have not been withdrawn."""
        return self.filter(is_current=True, response__withdrawn_at__isnull=True)

    def free_text(self):
        from .models import Question

        return self.filter(question__kind=Question.Kind.LONG_TEXT).exclude(text="")
