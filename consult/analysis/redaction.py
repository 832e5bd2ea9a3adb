"""Redact personal contact details from quotes shown to officers."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 07700 900123, +44 7700 900123, 020 7946 0958, (0117) 496 0123 ...
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-)]{0,2}){8,11}\d(?!\d)"
)
# Full UK postcodes (SW1A 1AA, M1 1AE, B33 8TH ...), any case.
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Replace e-mail addresses, phone numbers and postcodes with placeholders."""
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub("[phone]", text)
    return POSTCODE.sub("[postcode]", text)
