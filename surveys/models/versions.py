"""Other versions of a survey: a young people's version, an easy-read version,
or another language. Each rewords the same questions, so every version's
answers are answers to the same questions and count together."""

import uuid

from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

YOUNG = "young"
EASY_READ = "easy_read"
READING_VERSIONS = (YOUNG, EASY_READ)


class SurveyVersion(ClusterableModel):
    """A survey in other words: young people's, easy read, or a language."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("survey"),
    )
    variant = models.CharField(
        _("version"),
        max_length=20,
        help_text=_(
            "“young” for young people's, “easy_read” for easy read, or a language "
            "code such as cy, pl, ur or ar."
        ),
    )
    name = models.CharField(
        _("name shown to respondents"),
        max_length=80,
        help_text=_("For example “Young people's version” or “Polski”."),
    )
    title = models.CharField(_("survey title in this version"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Shown with the version, e.g. “Demo translation, not checked”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("survey"),
        FieldPanel("variant"),
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("note"),
        InlinePanel("wordings", label=_("Question"), heading=_("Questions reworded")),
    ]

    class Meta:
        ordering = ["survey", "variant"]
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "variant"], name="one_version_per_variant"
            )
        ]

    def __str__(self):
        return f"{self.survey} — {self.name}"

    @property
    def language(self) -> str:
        """The language code of a translation ("" for young people's or easy read)."""
        return "" if self.variant in READING_VERSIONS else self.variant

    @property
    def direction(self) -> str:
        """ "rtl" for right-to-left scripts (Arabic, Urdu, Hebrew ...), else "ltr"."""
        if not self.language:
            return "ltr"
        try:
            return "rtl" if get_language_info(self.language)["bidi"] else "ltr"
        except KeyError:
            return "ltr"


class QuestionWording(models.Model):
    """One question in a version's words. Answers stay the question's own options."""

    version = ParentalKey(
        SurveyVersion, on_delete=models.CASCADE, related_name="wordings"
    )
    question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.CASCADE,
        related_name="wordings",
        verbose_name=_("question"),
    )
    label = models.CharField(_("question in this version"), max_length=500)
    hint = models.CharField(_("hint"), max_length=500, blank=True)
    options = models.TextField(
        _("options shown"),
        blank=True,
        help_text=_(
            "For choice questions: the options in this version's words, one a "
            "line, in the same order (answers are recorded as the original option)."
        ),
    )

    panels = [
        FieldPanel("question"),
        FieldPanel("label"),
        FieldPanel("hint"),
        FieldPanel("options"),
    ]

    class Meta:
        verbose_name = _("question wording")
        verbose_name_plural = _("question wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "question"], name="one_wording_per_question"
            )
        ]

    def __str__(self):
        return self.label
