"""Consultations, their rounds and surveys, and what respondents send.

A consultation (the domain record) is presented by a ``cms.ConsultationPage``;
the page holds content, this holds dates, audience and rules. Dates live on the
rounds: the main round and an optional review round.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from .channels import Channel, HowMade
from .querysets import (
    AnswerQuerySet,
    ConsultationQuerySet,
    ResponseQuerySet,
    RoundQuerySet,
)


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
        "audiences.Service",
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
        from .forms import SectionForm
        from .sections import sections_of

        return {
            "survey": self,
            "sections": [(s, SectionForm(s.questions)) for s in sections_of(self)],
        }


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
        Survey,
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
            from consult.audiences.models import Service

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


class Draft(HowMade):
    """Answers in progress, kept on the server so nothing typed is lost.

    Every page a respondent sends is saved here, valid or not. Submitting turns
    it into exactly one Response (``Response.draft`` is unique).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict, blank=True)
    # Optional equalities answers until submission, when they move to their own table.
    equalities = models.JSONField(default=dict, blank=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    admitted_by = models.CharField(max_length=64, blank=True, default="")
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    consent_to_recontact = models.BooleanField(default=False)
    # SHA-256 of the save-and-return link's token; the token itself is never stored.
    resume_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True
    )
    # A draft that changes a sent response: sending it makes a new version.
    amends = models.ForeignKey(
        "Response", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    # Set when a submission arrived after the round closed: kept for officers.
    refused_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft response")
        verbose_name_plural = _("draft responses")

    def __str__(self):
        return f"Draft {self.pk} for {self.round}"


class Response(HowMade):
    """A submitted response: one per draft, so a resubmission cannot duplicate it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    draft = models.OneToOneField(
        Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    # Opaque key of whatever admitted this respondent (an invitation, say): at
    # most one response per key and round. Set by the app that admitted them.
    admitted_by = models.CharField(max_length=64, blank=True, default="")
    contact_email = models.EmailField(_("e-mail for your receipt"), blank=True)
    consent_to_recontact = models.BooleanField(
        _("may we contact you again about this consultation"), default=False
    )
    version = models.PositiveIntegerField(default=1)
    # SHA-256 of the token in the receipt's "view or withdraw" link.
    manage_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True
    )
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    Channel = Channel
    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "admitted_by"],
                condition=~models.Q(admitted_by=""),
                name="one_response_per_admission",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ResponseImport(models.Model):
    """One upload of responses from a file, and the record of what it brought in.

    The file stays in ``content`` only between the upload and the import (or
    cancelling), so that every step reads it server-side; then it is emptied and
    the row remains as the record: who, when, which round, how many.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, not yet imported")
        IMPORTED = "imported", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="imports", verbose_name=_("round")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)  # "csv" or "xlsx"
    # The uploaded bytes, kept in the database so any web worker can read them.
    content = models.BinaryField(null=True, editable=False)
    columns = models.JSONField(_("column headings"), default=list)
    # Column index (as a string) -> question id, or SOURCE_COLUMN.
    mapping = models.JSONField(_("column mapping"), default=dict)
    source = models.CharField(_("source"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    accepted_count = models.PositiveIntegerField(_("rows accepted"), default=0)
    refused_count = models.PositiveIntegerField(_("rows refused"), default=0)
    imported_count = models.PositiveIntegerField(_("responses imported"), default=0)
    # The first refused rows with their reasons: [{"row": 7, "problems": [...]}].
    refused_rows = models.JSONField(_("refused rows"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response import")
        verbose_name_plural = _("response imports")
        permissions = [("import_responses", "Can import responses from files")]

    def __str__(self):
        return f"{self.file_name} into {self.round}"


class Answer(models.Model):
    """One answer in one version of a response. Reports read ``is_current`` answers."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers"
    )
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    value = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["response", "version"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "version"],
                name="one_answer_per_version",
            )
        ]
        indexes = [models.Index(fields=["question", "is_current"])]

    def __str__(self):
        return f"{self.response} — {self.question}"


class EqualityMonitoring(models.Model):
    """One respondent's optional equalities answers, stored apart (see equalities.py).

    No foreign key to Response: ``response_link`` is an HMAC of its id. Only
    aggregate reports read this table; it never appears in exports.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    response_link = models.CharField(max_length=64, unique=True)
    age_band = models.CharField(max_length=40, blank=True)
    sex = models.CharField(max_length=40, blank=True)
    gender_identity = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    religion = models.CharField(max_length=40, blank=True)
    disability = models.CharField(max_length=40, blank=True)
    sexual_orientation = models.CharField(max_length=40, blank=True)
    caring = models.CharField(max_length=40, blank=True)
    # The day only: an exact time could be matched to a response's.
    created_on = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("equalities monitoring answers")
        verbose_name_plural = _("equalities monitoring answers")

    def __str__(self):
        return f"Equalities monitoring {self.pk}"
