"""Checking and normalising nominees' contact details, for the form and CSV alike."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s().-]")
_UK_MOBILE = re.compile(r"^07\d{9}$")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{7,14}$")


def normalise_email(value: str) -> str:
    """The address, lower-cased, or "" if blank. Raises ValidationError if not valid."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("Enter an e-mail address in the correct format, like name@example.com"),
            code="email",
        ) from None
    return value.lower()


def normalise_mobile(value: str) -> str:
    """The number in international form (+447700900123), or "" if blank.

    UK mobiles may be written 07700 900123, +44 7700 900123 or 447700900123;
    other countries' numbers need their + and country code.
    """
    value = _SEPARATORS.sub("", value or "")
    if not value:
        return ""
    if value.startswith("0044"):
        value = "+" + value[2:]
    elif value.startswith("44") and len(value) == 12:
        value = "+" + value
    if value.startswith("+44"):
        value = "0" + value[3:]
    if _UK_MOBILE.match(value):
        return "+44" + value[1:]
    if _INTERNATIONAL.match(value) and not value.startswith("+44"):
        return value
    raise ValidationError(
        _("Enter a mobile phone number, like 07700 900 982 or +44 7700 900 982"),
        code="mobile",
    )
