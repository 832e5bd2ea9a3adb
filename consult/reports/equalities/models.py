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
