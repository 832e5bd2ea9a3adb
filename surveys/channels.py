"""How a response came in: online by the respondent, assisted by staff, or imported.

Drafts and responses share these fields (an abstract model), so an assisted
draft carries them through the normal responding pages into its response.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Self-completed online")
    IN_PERSON = "in_person", _("Assisted in person")
    PHONE = "phone", _("Assisted by phone")
    TRANSLATED = "translated", _("Assisted with translation")
    IMPORTED = "imported", _("Imported (paper form, e-mail or partner)")


ASSISTED_CHANNELS = (Channel.IN_PERSON, Channel.PHONE, Channel.TRANSLATED)


class HowMade(models.Model):
    """The channel fields. For assisted ones, who helped and the consent recorded."""

    channel = models.CharField(
        _("how the response was made"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.ONLINE,
    )
    channel_language = models.CharField(
        _("language translated from"), max_length=100, blank=True
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assisted by"),
    )
    consent_recorded = models.BooleanField(
        _("respondent's consent recorded by staff"), default=False
    )
    consent_recorded_at = models.DateTimeField(
        _("consent recorded at"), null=True, blank=True
    )
    # The words the respondent agreed to, kept as shown to the staff member.
    consent_wording = models.TextField(_("what the respondent agreed to"), blank=True)
    # For imports: where the response came from ("Paper form", a partner's name).
    source = models.CharField(_("source"), max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def is_assisted(self) -> bool:
        return self.channel in ASSISTED_CHANNELS

    def channel_description(self) -> str:
        """ "Assisted with translation (Polish)", "Imported (Paper form)", "Online"."""
        return describe_channel(self.channel, self.channel_language, self.source)


def describe_channel(channel: str, language: str = "", source: str = "") -> str:
    if channel == Channel.TRANSLATED and language:
        return f"Assisted with translation ({language})"
    if channel == Channel.IMPORTED:
        return f"Imported ({source})" if source else "Imported"
    if channel == Channel.ONLINE:
        return "Online, by the respondent"
    return str(Channel(channel).label) if channel in Channel.values else channel
