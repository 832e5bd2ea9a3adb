"""The report's filters, read from the URL so that a view can be shared.

Unknown values are refused with a message naming the filter; the report is
then shown without that filter (never a server error).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .models import ALL_SERVICES, FigureCell

CHANNEL_GROUPS = {
    "online": _("Online"),
    "assisted": _("Assisted"),
    "imported": _("Imported"),
}
ROUND_KINDS = {"main": _("Main round"), "review": _("Review period")}
SENTIMENT_LABELS = {
    "negative": _("Negative"),
    "neutral": _("Neutral"),
    "positive": _("Positive"),
}
# A value in the address (?respondent_type=Not said) as well as a label: kept
# in English, translated where shown.
NOT_SAID = gettext_noop("Not said")


@dataclass
class ReportFilters:
    round: str = ""  # "main" or "review"
    respondent_type: str = ""
    service: str = ""
    channel: str = ""
    sentiment: str = ""  # theme pages only
    errors: list[str] = field(default_factory=list)

    KEYS = ("round", "respondent_type", "service", "channel", "sentiment")

    @property
    def active(self) -> bool:
        return any(getattr(self, key) for key in self.KEYS)

    def query(self, **changes) -> str:
        values = {key: getattr(self, key) for key in self.KEYS} | changes
        return urlencode({k: v for k, v in values.items() if v})

    def cells(self, consultation, rounds: dict, *, by_service=False):
        """Cells of ``consultation`` in the filtered slice. ``by_service``: one
        row per service used instead of one per response."""
        cells = FigureCell.objects.filter(consultation=consultation)
        if by_service:
            cells = cells.exclude(service=ALL_SERVICES)
            if self.service:
                cells = cells.filter(service=self.service)
        else:
            cells = cells.filter(service=self.service or ALL_SERVICES)
        return cells.filter(self._slice(rounds))

    def _slice(self, rounds: dict, prefix: str = "") -> Q:
        q = Q()
        if self.round:
            q &= Q(**{f"{prefix}round_id": rounds[self.round].pk})
        if self.channel:
            q &= Q(**{f"{prefix}channel": self.channel})
        if self.respondent_type:
            stored = "" if self.respondent_type == NOT_SAID else self.respondent_type
            q &= Q(**{f"{prefix}respondent_type": stored})
        return q

    def facts_q(self, rounds: dict, prefix: str = "") -> Q:
        """For rows carrying a response's slice (``TaggedAnswer``,
        ``QuoteCandidate``); ``prefix`` for a relation to one."""
        q = self._slice(rounds, prefix)
        if self.service:
            q &= Q(**{f"{prefix}services__contains": f"|{self.service}|"})
        return q


def read_filters(params, *, rounds: dict, types, services, sentiment=False):
    """Filters from the query string, checked against what the report has."""
    filters = ReportFilters()
    allowed = {
        "round": (set(rounds), _("round")),
        "respondent_type": ({*types, NOT_SAID}, _("respondent type")),
        "service": (set(services), _("service")),
        "channel": (set(CHANNEL_GROUPS), _("channel")),
    }
    if sentiment:
        allowed["sentiment"] = (set(SENTIMENT_LABELS), _("sentiment"))
    for key, (values, name) in allowed.items():
        value = (params.get(key) or "").strip()
        if not value:
            continue
        if value in values:
            setattr(filters, key, value)
        else:
            filters.errors.append(
                _(
                    "There is no %(filter)s “%(value)s” in this report: "
                    "showing every %(filter)s instead."
                )
                % {"filter": name, "value": value[:60]}
            )
    return filters
