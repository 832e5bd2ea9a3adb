"""What respondents send: drafts in progress, responses and their answers."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.channels import Channel, HowMade
from surveys.querysets import AnswerQuerySet, ResponseQuerySet


class Draft(HowMade):
    """Answers in progress, kept on the server so nothing typed is lost.

    Every page a respondent sends is saved here, valid or not. Submitting turns
    it into exactly one Response (``Response.draft`` is unique).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="drafts"
    )
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
    # The version answered (SurveyVersion.variant): "" for the full version.
    variant = models.CharField(_("version answered"), max_length=20, blank=True)
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
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.PROTECT, related_name="responses"
    )
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
    # The version answered (SurveyVersion.variant): "" for the full version.
    variant = models.CharField(_("version answered"), max_length=20, blank=True)
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


class Answer(models.Model):
    """One answer in one version of a response. Reports read ``is_current`` answers."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "surveys.Question", on_delete=models.PROTECT, related_name="answers"
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
