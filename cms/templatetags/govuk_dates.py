"""Dates and times in GOV.UK style: "27 December 2026", "5:30pm on 27 December 2026"."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def govuk_date(value):
    if not value:
        return ""
    # "E": the month as a date names it (Polish "grudnia"); "F" in English.
    return date_format(timezone.localtime(value), "j E Y")


@register.filter
def govuk_datetime(value):
    if not value:
        return ""
    local = timezone.localtime(value)
    if not (get_language() or "en").startswith("en"):
        # Other languages: a 24-hour clock, in the language's own words.
        return _("%(date)s at %(clock)s") % {
            "date": date_format(local, "j E Y"),
            "clock": date_format(local, "G:i"),
        }
    if (local.hour, local.minute) == (0, 0):
        clock = "midnight"
    elif (local.hour, local.minute) == (12, 0):
        clock = "midday"
    else:
        clock = date_format(local, "g:i") + ("am" if local.hour < 12 else "pm")
        clock = clock.replace(":00", "")
    return f"{clock} on {date_format(local, 'j E Y')}"
