"""While a consultation is open: the channels that reach under-represented
groups, and how much each has been used so far."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from consult.audiences.models import Nomination
from surveys.channels import ASSISTED_CHANNELS, Channel
from surveys.models import Response

# Which channel is most likely to reach a group, by characteristic. Advice
# for officers; the figures beside it say how far each channel has gone.
ADVICE = {
    "age_band": _(
        "Ask youth, school and older people's services to nominate people, "
        "and offer assisted responses by phone or in person."
    ),
    "disability": _(
        "Offer assisted responses in person or by phone, and the easy "
        "read version; ask disability services to nominate people."
    ),
    "ethnicity": _(
        "Offer translated versions and responses assisted with an "
        "interpreter; ask community partners to nominate people."
    ),
    "religion": _(
        "Ask faith and community partners to nominate people; offer "
        "assisted responses at community venues."
    ),
    "caring": _(
        "Ask carers' services to nominate people; offer responses by phone "
        "at times that suit carers."
    ),
}
DEFAULT_ADVICE = _("Ask the services concerned to nominate people from this group.")


@dataclass
class Reach:
    nominations: int
    assisted: int
    translated: int
    languages: list[str]


def reach(consultation) -> Reach:
    """How many people each outreach channel has brought in so far."""
    responses = Response.objects.filter(
        round__consultation=consultation, withdrawn_at__isnull=True
    )
    languages = (
        responses.filter(channel=Channel.TRANSLATED)
        .exclude(channel_language="")
        .values_list("channel_language", flat=True)
        .distinct()
    )
    return Reach(
        nominations=Nomination.objects.filter(consultation=consultation).count(),
        assisted=responses.filter(channel__in=ASSISTED_CHANNELS).count(),
        translated=responses.filter(channel=Channel.TRANSLATED).count(),
        languages=sorted(languages),
    )


def advice_for(field: str) -> str:
    return ADVICE.get(field, DEFAULT_ADVICE)
