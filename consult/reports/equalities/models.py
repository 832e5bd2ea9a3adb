"""The area's population profile (for comparison with who responded)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .characteristics import NAMES


class PopulationProfile(models.Model):
    """Who lives in the area, in ONS 2021 categories, as imported by the council.

    The latest profile is the one reports compare with. An illustrative one
    (the demo's) says so on every page that shows it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the figures come from, e.g. Census 2021, table TS021."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative figures, not the area's"), default=False
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("population profile")
        verbose_name_plural = _("population profiles")

    def __str__(self):
        return self.name

    def shares(self, field: str) -> dict[str, float]:
        """Each category's share of the people counted for ``field`` (0 to 1)."""
        counts = {f.category: f.count for f in self.figures.all() if f.field == field}
        total = sum(counts.values())
        return {k: v / total for k, v in counts.items()} if total else {}


class PopulationFigure(models.Model):
    """How many people in the area are in one category of one characteristic."""

    profile = models.ForeignKey(
        PopulationProfile, on_delete=models.CASCADE, related_name="figures"
    )
    field = models.CharField(
        _("characteristic"), max_length=40, choices=list(NAMES.items())
    )
    category = models.CharField(_("category"), max_length=100)
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        ordering = ["profile", "field", "id"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "field", "category"],
                name="one_population_figure_per_category",
            )
        ]

    def __str__(self):
        return f"{self.get_field_display()}: {self.category} ({self.count})"


class Assessment(models.Model):
    """A consultation's equality impact assessment. Its content lives in its
    versions: every save is a new version, none is ever changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.OneToOneField(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="equality_assessment",
        verbose_name=_("consultation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("equality impact assessment")
        verbose_name_plural = _("equality impact assessments")

    def __str__(self):
        return f"Equality impact assessment: {self.consultation}"

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class AssessmentVersion(models.Model):
    """One saved state of an assessment: who saved it, when, and all of it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    # {"proposal": str, "staff": {key: {evidence, impact, mitigation}},
    #  "service_users": {...}}; see assessment.py.
    content = models.JSONField(default=dict)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "-number"]
        verbose_name = _("assessment version")
        verbose_name_plural = _("assessment versions")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="one_assessment_version_number"
            )
        ]

    def __str__(self):
        return f"{self.assessment}, version {self.number}"


class Submission(models.Model):
    """An assessment version put before decision-makers, at a meeting."""

    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.PROTECT, related_name="submissions"
    )
    meeting = models.CharField(_("meeting"), max_length=200)
    meeting_date = models.DateField(_("date of the meeting"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_date", "-created_at"]
        verbose_name = _("submission to decision-makers")
        verbose_name_plural = _("submissions to decision-makers")

    def __str__(self):
        return f"{self.version} to {self.meeting} on {self.meeting_date}"


class EvidenceSnapshot(models.Model):
    """A consultation's equality evidence as last built: only published
    (protected) figures, never a hidden one. Pages read this; a task rebuilds
    it when its ``fingerprint`` (what it was built from) no longer matches."""

    consultation = models.OneToOneField(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("consultation"),
    )
    fingerprint = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    responses = models.PositiveIntegerField(_("responses counted"), default=0)
    built_at = models.DateTimeField(_("evidence as at"))
    seconds = models.FloatField(_("seconds to build"), default=0.0)

    class Meta:
        verbose_name = _("equality evidence snapshot")
        verbose_name_plural = _("equality evidence snapshots")

    def __str__(self):
        return f"Equality evidence for {self.consultation_id} as at {self.built_at}"
