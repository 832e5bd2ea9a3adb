"""Fitted learners, stored once for every worker to load (see ``training.py``)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class FittedModel(models.Model):
    """A ``ThemeLearner`` fitted by the ``analysis.fit_model`` task from a
    codebook and the decisions made so far, identified by their version, so
    that no worker fits its own copy."""

    class Status(models.TextChoices):
        FITTING = "fitting", _("Fitting")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    codebook = models.ForeignKey(
        "analysis.Codebook", on_delete=models.CASCADE, related_name="fitted_models"
    )
    # A hash of the codebook's themes and the decisions learnt from.
    version = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.FITTING
    )
    examples = models.PositiveIntegerField(default=0)
    progress = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    learner = models.BinaryField(null=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fitted theme model")
        verbose_name_plural = _("fitted theme models")
        constraints = [
            models.UniqueConstraint(
                fields=["codebook", "version"], name="one_fitted_model_per_version"
            )
        ]

    def __str__(self):
        return f"{self.codebook} model {self.version[:8]} ({self.status})"
