"""D5: a nominee CSV with a cell too long for Python's csv gets a clear error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consult.audiences import csv_import

from .factories import targeted_round

pytestmark = pytest.mark.django_db

HEADER = "name,email,mobile,relationship,preferred_language,access_needs,consent\n"


def check(text):
    round_, _ = targeted_round()
    upload = SimpleUploadedFile("nominees.csv", text.encode(), "text/csv")
    return csv_import.check_file(upload, consultation=round_.consultation)


def test_a_cell_over_131072_characters_is_refused_naming_the_row():
    text = HEADER + "Alex,alex@example.org,,Parent or carer,,,yes\n"
    text += "Sam,sam@example.org,,Parent or carer,," + "x" * 140_000 + ",yes\n"
    report = check(text)
    assert report.file_error.startswith("Row 3 cannot be read")
    assert not report.can_import


def test_a_nul_in_a_cell_refuses_that_row():
    report = check(HEADER + "Al\x00ex,alex@example.org,,Parent or carer,,,yes\n")
    assert report.refused and report.refused[0].number == 2
