"""Small-number suppression: no figure about fewer than N people is shown.

N is ``settings.REPORT_DISCLOSURE_THRESHOLD`` (10 by default). Zero is shown:
it is about nobody. Shares are withheld when either count is suppressed.
"""

from django.conf import settings
from django.utils.translation import gettext as _


def threshold() -> int:
    return int(getattr(settings, "REPORT_DISCLOSURE_THRESHOLD", 10))


def is_suppressed(count: int | None) -> bool:
    return count is not None and 0 < count < threshold()


def shown(count: int | None):
    """The count, or None when it must not be shown."""
    return None if is_suppressed(count) else count


def disclose(count: int | None) -> str:
    """A count as text: "fewer than 10" for a small one."""
    if count is None:
        return "–"
    if is_suppressed(count):
        return _("fewer than %(threshold)s") % {"threshold": threshold()}
    return f"{count:,}"


def share(count: int | None, total: int | None) -> float | None:
    """Percentage, one decimal; None when a count is small or the total empty."""
    if not total or count is None or is_suppressed(count) or is_suppressed(total):
        return None
    return round(100 * count / total, 1)


def disclose_share(count, total) -> str:
    value = share(count, total)
    return "–" if value is None else f"{value:g}%"
