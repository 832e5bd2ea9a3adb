"""Candidate themes: what theme discovery proposes for a consultation, and what
officers decided about each proposal (``discovery.py`` finds them;
``candidate_services.py`` keeps them)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CandidateTheme(models.Model):
    """A group of phrases many answers use that the codebook has no theme for.

    ``origin`` is the phrase discovery named it by, which a refresh uses to
    find it again; ``label`` is what officers call it. Officers accept it (it
    joins the codebook as a theme, its phrases as signals), rename it, merge it
    into another or dismiss it; a refresh never undoes those decisions.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged")
        DISMISSED = "dismissed", _("Dismissed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="candidate_themes",
        verbose_name=_("consultation"),
    )
    origin = models.CharField(_("discovered as"), max_length=200)
    label = models.CharField(_("label"), max_length=200)
    # [{"text": "car park", "answers": 31}, ...], the most used first.
    phrases = models.JSONField(_("top phrases"), default=list)
    # [{"answer": 12, "text": "The car park is always full."}, ...], redacted.
    quotes = models.JSONField(_("example quotes"), default=list)
    answer_ids = models.JSONField(default=list)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    theme = models.ForeignKey(
        "analysis.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme it became"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate theme")
        verbose_name_plural = _("candidate themes")
        ordering = ["-answer_count", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "origin"], name="one_candidate_per_origin"
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    @property
    def phrase_texts(self) -> list[str]:
        return [p["text"] for p in self.phrases]
