"""Contact details are checked and normalised; text messages go through a backend."""

import pytest
from django.core.exceptions import ValidationError

from consult.audiences.contacts import normalise_email, normalise_mobile
from consult.audiences.sms import FileBackend, send_sms


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123".replace("(0)", ""), "+447700900123"),
        ("447700900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("+48 601 234 567", "+48601234567"),
        ("", ""),
    ],
)
def test_mobiles_are_kept_in_international_form(typed, stored):
    assert normalise_mobile(typed) == stored


@pytest.mark.parametrize(
    "typed", ["020 7946 0958", "0770090012", "12345", "+44 20 7946 0958", "phone me"]
)
def test_what_is_not_a_mobile_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_mobile(typed)


def test_emails_are_lower_cased_and_checked():
    assert normalise_email(" Name@Example.ORG ") == "name@example.org"
    assert normalise_email("") == ""
    with pytest.raises(ValidationError):
        normalise_email("name@")


def test_the_file_backend_writes_one_file_a_message(settings, tmp_path):
    settings.SMS_BACKEND = "consult.audiences.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    send_sms(to="+447700900123", body="Have your say")
    send_sms(to="+447700900124", body="Have your say again")
    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    assert files[0].read_text().startswith("To: +44770090012")
    assert isinstance(FileBackend(), FileBackend)
