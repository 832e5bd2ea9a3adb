"""Surveys and their questions: what a round asks."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from consult.organisation.models import Service


class Survey(PreviewableMixin, ClusterableModel):
    """A questionnaire. Rounds use surveys; a survey can be copied for another round."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    include_equalities = models.BooleanField(
        _("ask the optional equalities monitoring questions"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "surveys/preview.html"

    def get_preview_context(self, request, mode_name):
        # The template builds the sections' forms (templatetags/survey_preview).
        return {"survey": self}


class Question(models.Model):
    """One question. Consecutive questions that share a section heading form a page."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long free text (analysed for themes)")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        AGREE_SCALE = "agree_scale", _("Five-point agree–disagree scale")
        RATING = "rating", _("Rating (1 to 5)")
        YES_NO = "yes_no", _("Yes / no / don't know")
        SERVICES = "services", _("Which of our services do you use")
        RESPONDENT_TYPE = "respondent_type", _("Respondent type")
        RANKING = "ranking", _("Ranking: put the options in order")
        # The one place a survey asks for consent to be contacted again: its
        # answer, not a second checkbox, decides Response.consent_to_recontact.
        RECONTACT = "recontact", _("May we contact you again (yes / no, consent)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    section = models.CharField(
        _("section heading"),
        max_length=120,
        help_text=_(
            "Questions with the same heading, one after another, share a page."
        ),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=500)
    hint = models.CharField(_("hint"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("For choice questions: one option a line."),
    )
    max_length = models.PositiveIntegerField(
        _("character limit"),
        null=True,
        blank=True,
        help_text=_("For text questions. Leave blank for the default limit."),
    )
    show_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("show only if the answer to"),
    )
    show_if_value = models.CharField(_("is"), max_length=255, blank=True)

    panels = [
        FieldPanel("section"),
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("hint"),
        FieldPanel("required"),
        FieldPanel("options"),
        FieldPanel("max_length"),
        MultiFieldPanel(
            [FieldPanel("show_if_question"), FieldPanel("show_if_value")],
            heading=_("Show only if (optional)"),
        ),
    ]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    FIXED_CHOICES = {
        Kind.AGREE_SCALE: [
            "Strongly agree",
            "Agree",
            "Neither agree nor disagree",
            "Disagree",
            "Strongly disagree",
        ],
        Kind.RATING: ["1", "2", "3", "4", "5"],
        Kind.YES_NO: ["Yes", "No", "Don't know"],
        Kind.RECONTACT: ["Yes", "No"],
        Kind.RESPONDENT_TYPE: [
            "Parent or carer",
            "Young person",
            "Staff member",
            "Trade union",
            "Partner organisation",
            "Other",
        ],
    }
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)
    MULTIPLE_KINDS = (Kind.MULTIPLE_CHOICE, Kind.SERVICES)
    # Posted and kept in the draft as a list (a ranking: one position per option).
    LIST_KINDS = (*MULTIPLE_KINDS, Kind.RANKING)
    DEFAULT_LIMITS = {Kind.SHORT_TEXT: 500, Kind.LONG_TEXT: 5000}

    def choices(self) -> list[str]:
        """The options a respondent picks from (empty for text questions)."""
        if self.kind in self.FIXED_CHOICES:
            return self.FIXED_CHOICES[self.kind]
        if self.kind == self.Kind.SERVICES and not self.options.strip():
            return list(Service.objects.values_list("name", flat=True))
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def limit(self) -> int | None:
        if self.kind not in self.TEXT_KINDS:
            return None
        return self.max_length or self.DEFAULT_LIMITS[self.kind]

    def ranked(self, positions) -> list[str]:
        """A ranking's options in the order given by ``positions`` (one per option).

        Options without a usable position go last, in their own order.
        """
        options = self.choices()
        positions = list(positions or [])

        def position(index):
            try:
                return int(positions[index])
            except (IndexError, TypeError, ValueError):
                return len(options) + index + 1

        return [options[i] for i in sorted(range(len(options)), key=position)]

    def draft_value(self, stored: list):
        """A stored answer as a draft holds it (for changing a sent response)."""
        if self.kind == self.Kind.RANKING:
            return [
                str(stored.index(o) + 1) if o in stored else "" for o in self.choices()
            ]
        return stored if self.kind in self.MULTIPLE_KINDS else stored[0]

    def is_shown(self, answers: dict) -> bool:
        """Show-if: shown unless it depends on an earlier answer that differs."""
        if not self.show_if_question_id:
            return True
        given = answers.get(str(self.show_if_question_id))
        if isinstance(given, list):
            return self.show_if_value in given
        return given == self.show_if_value
