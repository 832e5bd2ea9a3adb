import pytest

from consult.analysis.redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jo.bloggs+sb@example.co.uk today", "write to [email] today"),
        ("ring 07700 900123 please", "ring [phone] please"),
        ("ring +44 7700 900123", "ring [phone]"),
        ("office 020 7946 0958.", "office [phone]."),
        ("(0117) 496 0123", "[phone]"),
        ("I live at SW1A 1AA", "I live at [postcode]"),
        ("near m1 1ae and B33 8TH", "near [postcode] and [postcode]"),
    ],
)
def test_contact_details_are_redacted(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We waited 14 months",
        "In 2024 there were 3 teams",
        "Year 6 to year 7",
        "ref 12345",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text
