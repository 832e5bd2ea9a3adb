"""The people services nominate for targeted consultations, and invitations.

A service manager nominates a service user for a consultation (``Nomination``);
each round they are asked to respond in gets one ``Invitation`` with a personal
link, stored only as a hash. Every message handed to the e-mail or SMS backend,
and every failure to hand one over, is a ``Delivery``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consult.organisation.models import Service

from .languages import site_languages
from .querysets import InvitationQuerySet, NominationQuerySet


class Nomination(models.Model):
    """A service user a service nominated for a targeted consultation.

    Contact details (name, e-mail, mobile, language, access needs) are personal
    data: ``erase_contact`` blanks them on request or on the retention schedule,
    keeping the row so that counts and statuses stay true.
    """

    class Relationship(models.TextChoices):
        PARENT_CARER = "parent_carer", _("Parent or carer")
        YOUNG_PERSON = "young_person", _("Young person")
        PROFESSIONAL = "professional", _("Professional")

    class ErasureReason(models.TextChoices):
        REQUEST = "request", _("On request")
        RETENTION = "retention", _("Retention schedule")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        "surveys.Consultation",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("consultation"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("service"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    name = models.CharField(_("full name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # Kept in international form (+447700900123) so duplicates are found.
    mobile = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    relationship = models.CharField(
        _("relationship to the service"), max_length=20, choices=Relationship.choices
    )
    # One of the site's languages: invitations are written in it (languages.py).
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=15,
        choices=site_languages,
        blank=True,
        help_text=_("Invitations and reminders are written in it."),
    )
    access_needs = models.TextField(_("access needs"), blank=True)
    consent_to_contact = models.BooleanField(
        _("consent to be contacted about this consultation"), default=False
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded"))
    contact_erased_at = models.DateTimeField(
        _("contact details deleted"), null=True, blank=True
    )
    contact_erased_reason = models.CharField(
        _("why the contact details were deleted"),
        max_length=20,
        choices=ErasureReason.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "email"],
                condition=~models.Q(email=""),
                name="one_nomination_per_email",
            ),
            models.UniqueConstraint(
                fields=["consultation", "mobile"],
                condition=~models.Q(mobile=""),
                name="one_nomination_per_mobile",
            ),
            # Nobody is nominated without their recorded consent to be contacted.
            models.CheckConstraint(
                condition=models.Q(consent_to_contact=True),
                name="nomination_has_consent",
            ),
            models.CheckConstraint(
                condition=~models.Q(email="")
                | ~models.Q(mobile="")
                | models.Q(contact_erased_at__isnull=False),
                name="nomination_has_contact",
            ),
        ]
        indexes = [models.Index(fields=["consultation", "service"])]

    def __str__(self):
        if self.contact_erased_at:
            return str(_("Nomination (contact details deleted)"))
        return self.name or self.email or self.mobile

    @property
    def is_erased(self) -> bool:
        return self.contact_erased_at is not None

    def erase_contact(self, *, reason: str) -> None:
        """Blank the personal data; the caller saves and deals with invitations."""
        self.name = self.email = self.mobile = ""
        self.preferred_language = self.access_needs = ""
        self.contact_erased_at = timezone.now()
        self.contact_erased_reason = reason


class Invitation(models.Model):
    """A nominee's personal invitation to respond in one round.

    The link's token is never stored, only its SHA-256 (``token_hash``). The
    link admits one response: once ``responded_at`` is set it no longer works,
    nor after ``expires_at`` (the round's close). ``sent_at`` and
    ``reminder_sent_at`` are claimed atomically before sending, so a retried
    task never sends a second copy.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")

    class Status(models.TextChoices):
        NOT_SENT = "not_sent", _("Not sent yet")
        INVITED = "invited", _("Invited")
        OPENED = "opened", _("Opened")
        STARTED = "started", _("Started")
        RESPONDED = "responded", _("Responded")
        BOUNCED = "bounced", _("Bounced")
        EXPIRED = "expired", _("Expired")
        ERASED = "erased", _("Contact details deleted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Review period (review.py): either a nominee or an earlier respondent.
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("nomination"),
    )
    response = models.ForeignKey(
        "surveys.Response",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_invitations",
        verbose_name=_("earlier response"),
        help_text=_("An earlier respondent who agreed to be contacted again."),
    )
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("round"),
    )
    channel = models.CharField(
        _("sent by"), max_length=10, choices=Channel.choices, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    failed_at = models.DateTimeField(_("delivery failed"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "round"], name="one_invitation_per_round"
            ),
            models.UniqueConstraint(
                fields=["response", "round"], name="one_invitation_per_response"
            ),
            models.CheckConstraint(
                condition=models.Q(nomination__isnull=True, response__isnull=False)
                | models.Q(nomination__isnull=False, response__isnull=True),
                name="invitation_to_nominee_or_respondent",
            ),
        ]

    def __str__(self):
        return f"Invitation {self.pk} to {self.round}"

    @property
    def admission_key(self) -> str:
        """The key ``surveys.admission.admit`` records on the draft and response."""
        return str(self.pk)

    @property
    def recipient(self):
        """Who the messages go to: the nominee, or the earlier respondent."""
        if self.nomination_id:
            return self.nomination
        return EarlierRespondent(self.response)

    def status_given(self, *, started: bool) -> "Invitation.Status":
        """The status, given whether a draft exists (see ``with_started``)."""
        if self.responded_at:
            return self.Status.RESPONDED
        if self.recipient.is_erased:
            return self.Status.ERASED
        if self.failed_at:
            return self.Status.BOUNCED
        if started:
            return self.Status.STARTED
        if self.opened_at:
            return self.Status.OPENED
        if self.expired_at:
            return self.Status.EXPIRED
        if self.sent_at:
            return self.Status.INVITED
        return self.Status.NOT_SENT


class EarlierRespondent:
    """An earlier respondent as a recipient, shaped like a ``Nomination``.

    Only the e-mail address they gave for their receipt; a withdrawn response
    counts as erased, so its invitation is neither sent nor usable.
    """

    name = ""
    mobile = ""

    def __init__(self, response):
        self.email = response.contact_email
        # Written to in the language of the version they answered, if a site one.
        self.preferred_language = response.variant
        self.is_erased = response.is_withdrawn or not response.contact_email


class Delivery(models.Model):
    """One message handed to the e-mail or SMS backend, or the failure to do so."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("message"), max_length=20, choices=Kind.choices)
    channel = models.CharField(
        _("sent by"), max_length=10, choices=Invitation.Channel.choices
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    # Why it failed, as the mail server or SMS provider said (addresses removed).
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_outcome_display()}"


# The review period's models live in their own module (see review.py).
from .review_models import ReviewTheme  # noqa: E402, F401
