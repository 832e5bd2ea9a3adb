"""Precomputed figures that report pages read instead of scanning responses.

``refresh_figures`` (aggregates.py) rebuilds a consultation's rows in one pass
when responses are submitted, changed or withdrawn and after analysis. A page
then sums a few thousand cells, however many responses there are.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_SERVICES = "*"


class FiguresState(models.Model):
    """When a consultation's figures were built, and whether they are stale."""

    consultation = models.OneToOneField(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("consultation"),
    )
    built_at = models.DateTimeField(_("figures as at"), null=True, blank=True)
    # Set when something the figures count has changed since built_at.
    stale_since = models.DateTimeField(null=True, blank=True)
    responses = models.PositiveIntegerField(_("responses counted"), default=0)

    class Meta:
        verbose_name = _("report figures state")
        verbose_name_plural = _("report figures states")

    def __str__(self):
        return f"Figures for {self.consultation_id} as at {self.built_at}"


class FigureCell(models.Model):
    """How many responses, in one slice, count towards one figure.

    A slice is a round, a channel group, a respondent type and a service;
    ``service`` is ``ALL_SERVICES`` for every response once, or a service's
    name for the responses that use it (so filtering by a service is exact).
    ``measure`` says what is counted: ``responses``; ``day`` (``option`` is
    the date); ``choice`` (``subject`` a question id, ``option`` an option);
    ``rank`` (also ``position``); ``theme`` (``subject`` a theme key,
    ``option`` a sentiment: negative, neutral or positive).
    """

    consultation = models.ForeignKey(
        "surveys.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=20)
    respondent_type = models.CharField(max_length=255, blank=True)
    service = models.CharField(max_length=255, default=ALL_SERVICES)
    measure = models.CharField(max_length=10)
    subject = models.CharField(max_length=64, blank=True)
    option = models.CharField(max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        indexes = [models.Index(fields=["consultation", "service", "measure"])]

    def __str__(self):
        return f"{self.measure} {self.subject} {self.option}: {self.count}"


class TaggedAnswer(models.Model):
    """A standing theme tag on a counted answer, with its response's slice and
    the answer's sentiment: theme pages filter and page through these (by
    score, on an index) instead of joining tags, answers and responses."""

    assignment = models.OneToOneField(
        "analysis.ThemeAssignment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    consultation = models.ForeignKey(
        "surveys.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    theme_key = models.CharField(max_length=60)
    score = models.FloatField(default=0.0)
    sentiment = models.CharField(max_length=10)
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=20)
    respondent_type = models.CharField(max_length=255, blank=True)
    # "|Centres|Schools|": matched with contains "|name|" for one service.
    services = models.TextField(blank=True)

    class Meta:
        verbose_name = _("tagged answer")
        verbose_name_plural = _("tagged answers")
        indexes = [models.Index(fields=["consultation", "theme_key", "-score"])]

    def __str__(self):
        return f"{self.theme_key} on {self.assignment_id}"


class QuoteCandidate(models.Model):
    """A theme's strongest distinct evidence sentences, redacted, with their
    response's slice: the report picks quotes matching its filters from here."""

    consultation = models.ForeignKey(
        "surveys.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    theme_key = models.CharField(max_length=60)
    text = models.TextField()
    score = models.FloatField(default=0.0)
    sentiment = models.CharField(max_length=10)
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=20)
    respondent_type = models.CharField(max_length=255, blank=True)
    services = models.TextField(blank=True)

    class Meta:
        verbose_name = _("quote candidate")
        verbose_name_plural = _("quote candidates")
        ordering = ["-score", "pk"]
        indexes = [models.Index(fields=["consultation", "theme_key"])]

    def __str__(self):
        return self.text[:60]


class PdfExport(models.Model):
    """A PDF of a large report, built by a Celery task while the reader waits."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        "surveys.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The report's filters, as in its address.
    query = models.CharField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"PDF of {self.consultation_id} ({self.status})"
