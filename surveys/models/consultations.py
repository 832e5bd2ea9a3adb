"""Consultations and their rounds.

A consultation (the domain record) is presented by a page in the pages app,
which this layer never imports; this holds dates, audience and rules. Dates
live on the rounds: the main round and an optional review round.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from surveys.querysets import ConsultationQuerySet, RoundQuerySet


class Consultation(ClusterableModel):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can respond")
        STAFF = "staff", _("Staff: respond with a staff account")
        TARGETED = "targeted", _("Targeted: nominated people, by personal link")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        REVIEW = "review", _("Review period")
        OUTCOME = "outcome", _("Outcome published")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=255)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    services = models.ManyToManyField(
        "organisation.Service",
        blank=True,
        related_name="consultations",
        verbose_name=_("services concerned"),
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_consultations",
        verbose_name=_("project leads"),
        help_text=_("Project leads see this consultation's reports."),
    )
    outcome_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [("export_responses", "Can export responses")]

    def __str__(self):
        return self.title

    def round_of_kind(self, kind: str):
        return next((r for r in self.rounds.all() if r.kind == kind), None)

    @property
    def main_round(self):
        return self.round_of_kind(Round.Kind.MAIN)

    @property
    def review_round(self):
        return self.round_of_kind(Round.Kind.REVIEW)

    def status_at(self, when=None) -> "Consultation.Status":
        """The status follows from the rounds' dates and the outcome, never stored."""
        when = when or timezone.now()
        if self.outcome_published_at and self.outcome_published_at <= when:
            return self.Status.OUTCOME
        main, review = self.main_round, self.review_round
        if main is None:
            return self.Status.DRAFT
        if review and review.is_open_at(when):
            return self.Status.REVIEW
        if main.is_open_at(when):
            return self.Status.OPEN
        if when < main.opens_at:
            return self.Status.UPCOMING
        return self.Status.CLOSED

    @property
    def status(self):
        return self.status_at()

    status.fget.short_description = _("status")

    def open_round(self, when=None):
        """The round taking responses now, if any."""
        when = when or timezone.now()
        return next((r for r in self.rounds.all() if r.is_open_at(when)), None)


class Round(models.Model):
    """A period in which a consultation takes responses, with its own survey."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Main round")
        REVIEW = "review", _("Review period")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = ParentalKey(
        Consultation, on_delete=models.CASCADE, related_name="rounds"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.MAIN
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    survey = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("survey"),
    )
    summary = models.TextField(
        _("what we heard"),
        blank=True,
        help_text=_(
            "For a review period: the draft findings respondents are asked to check."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["opens_at"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "kind"], name="one_round_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.consultation} — {self.get_kind_display()}"

    def is_open_at(self, when=None) -> bool:
        when = when or timezone.now()
        return self.opens_at <= when < self.closes_at
