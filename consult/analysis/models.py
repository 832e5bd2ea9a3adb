"""What analysis stores: codebooks and themes, per-answer analyses, theme
assignments with human decisions, and analysis runs split into chunks.

The NLTK work itself lives in ``text.py``/``matching.py``/``learning.py`` on
plain data; these models keep its results so that reports and re-runs read
them instead of repeating it.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from consult.accounts.history import ChangeHistory, DecisionHistory

from .matching import ThemeRule
from .querysets import ThemeAssignmentQuerySet

_PHRASES = re.compile(r"[;\n]+")


def split_phrases(value: str) -> list[str]:
    """Signals and exclusions are typed one per line or separated by ``;``."""
    return [p.strip() for p in _PHRASES.split(value or "") if p.strip()]


def text_hash(text: str) -> str:
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


class Codebook(ClusterableModel):
    """The themes one consultation's answers are coded with."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.OneToOneField(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="codebook",
        verbose_name=_("consultation"),
    )
    # Cross-validated precision and recall of the learner per theme key, with
    # the number of decisions each was measured on (see services.measure_learning).
    learning_stats = models.JSONField(default=dict, blank=True, editable=False)
    learning_measured_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("theme codebook")
        verbose_name_plural = _("theme codebooks")

    def __str__(self):
        return f"Codebook: {self.consultation}"

    def rules(self) -> list[ThemeRule]:
        """The codebook as plain rules for matching and learning."""
        themes = list(self.themes.select_related("parent"))
        return [t.as_rule() for t in themes]


class Theme(Orderable):
    """One theme: what signals it, what rules it out, and where it sits."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    codebook = ParentalKey(Codebook, on_delete=models.CASCADE, related_name="themes")
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short identifier used in files and exports, e.g. front-door."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    signals = models.TextField(
        _("signals"),
        blank=True,
        help_text=_(
            "Words and phrases that signal this theme, one per line or separated by "
            "semicolons. Matched on lemmas, so 'rename' also finds 'renamed'. End "
            "with * to match any ending, e.g. refer*."
        ),
    )
    exclusions = models.TextField(
        _("exclusions"),
        blank=True,
        help_text=_("Words or phrases that rule the theme out, in the same form."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent theme"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every change to a theme, by whom (admin edits, imports, candidates).
    history = ChangeHistory()

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        FieldPanel("signals"),
        FieldPanel("exclusions"),
        FieldPanel("parent"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["codebook", "key"], name="one_theme_key_per_codebook"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def signal_list(self) -> list[str]:
        return split_phrases(self.signals)

    @property
    def exclusion_list(self) -> list[str]:
        return split_phrases(self.exclusions)

    def as_rule(self) -> ThemeRule:
        return ThemeRule(
            key=self.key,
            name=self.name,
            description=self.description,
            signals=self.signal_list,
            exclusions=self.exclusion_list,
            parent=self.parent.key if self.parent_id and self.parent else None,
        )


class AnswerAnalysis(models.Model):
    """The pipeline's output for one answer, kept until its text or the
    pipeline version changes (``text_hash``, ``pipeline_version``)."""

    answer = models.OneToOneField(
        "surveys.Answer",
        on_delete=models.CASCADE,
        related_name="analysis",
        verbose_name=_("answer"),
    )
    # Denormalised so that a consultation's analyses are read in one query.
    consultation = models.ForeignKey(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("consultation"),
    )
    text_hash = models.CharField(max_length=64)
    pipeline_version = models.CharField(max_length=20)
    # AnalysedText.to_dict(): tokens, tags, lemmas, noun phrases, sentences ...
    features = models.JSONField(default=dict)
    sentiment = models.FloatField(_("sentiment"), default=0.0)
    is_empty = models.BooleanField(default=False)
    truncated = models.BooleanField(default=False)
    language_ok = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer analysis")
        verbose_name_plural = _("answer analyses")
        indexes = [
            models.Index(fields=["consultation", "answer"]),
            # Finding an analysis of the same text to reuse (services.py).
            models.Index(fields=["consultation", "text_hash", "pipeline_version"]),
        ]

    def __str__(self):
        return f"Analysis of answer {self.answer_id}"

    def is_current_for(self, text: str, version: str) -> bool:
        return self.text_hash == text_hash(text) and self.pipeline_version == version


class ThemeAssignment(models.Model):
    """A theme on an answer, with its score and evidence sentence, and what a
    person decided about it. A decision is never overwritten by a re-run."""

    class Source(models.TextChoices):
        RULE = "rule", _("Codebook rule")
        LEARNT = "learnt", _("Learnt from decisions")
        HUMAN = "human", _("Added by a person")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not reviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(
        "surveys.Answer",
        on_delete=models.CASCADE,
        related_name="theme_assignments",
        verbose_name=_("answer"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("theme"),
    )
    consultation = models.ForeignKey(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("consultation"),
    )
    # Whether the latest analysis suggests this theme; a decided tag the
    # machine no longer suggests stays, with suggested=False.
    suggested = models.BooleanField(_("suggested automatically"), default=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.RULE
    )
    score = models.FloatField(_("score"), default=0.0)
    evidence = models.TextField(_("evidence sentence"), blank=True)
    # The codebook signals found in the answer, so rejected ones can be shown.
    matched_signals = models.JSONField(default=list, blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
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

    objects = ThemeAssignmentQuerySet.as_manager()
    # Every decision on a tag, by whom and when (``services.decide``); not the
    # machine's scores or the answer's words, which stay with the answer.
    history = DecisionHistory(excluded_fields=["score", "evidence", "matched_signals"])

    class Meta:
        verbose_name = _("theme assignment")
        verbose_name_plural = _("theme assignments")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "theme"], name="one_assignment_per_answer_theme"
            )
        ]
        indexes = [
            models.Index(fields=["consultation", "theme", "decision"]),
        ]

    def __str__(self):
        return f"{self.theme} on answer {self.answer_id}"


class AnalysisRun(models.Model):
    """A full (re-)analysis of one consultation, split into chunks that any
    worker on any host may claim; progress is counted from the chunks."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="analysis_runs",
        verbose_name=_("consultation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    pipeline_version = models.CharField(max_length=20)
    total = models.PositiveIntegerField(_("answers to analyse"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        constraints = [
            # At most one queued or running run per consultation.
            models.UniqueConstraint(
                fields=["consultation"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_active_run_per_consultation",
            )
        ]

    def __str__(self):
        return f"Analysis of {self.consultation} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class AnalysisChunk(models.Model):
    """A contiguous range of answer ids in a run. A worker claims it with a
    conditional update; ``done`` counts once, when the chunk completes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="chunks"
    )
    number = models.PositiveIntegerField()
    first_answer_id = models.BigIntegerField()
    last_answer_id = models.BigIntegerField()
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("analysis chunk")
        verbose_name_plural = _("analysis chunks")
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "number"], name="one_chunk_number_per_run"
            )
        ]

    def __str__(self):
        return f"Chunk {self.number} of {self.run_id}"


# Kept in its own module for size; imported here so Django finds the model.
from .candidates import CandidateTheme  # noqa: E402, F401
from .fitted import FittedModel  # noqa: E402, F401
