"""Uploading a CSV of nominees: a row-by-row report, and all or nothing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consult.audiences.models import Invitation, Nomination

from .factories import NominationFactory, ServiceFactory, manager_of, targeted_round

pytestmark = pytest.mark.django_db

HEADER = "name,email,mobile,relationship,preferred_language,access_needs,consent\n"
GOOD = (
    "Alex Parent,alex@example.org,,Parent or carer,English,,yes\n"
    "Sam Young,,07700 900123,young person,Polish,Easy read,Yes\n"
    "Pat Pro,pat@example.org,+44 7700 900456,Professional,,,y\n"
)


@pytest.fixture
def scene(client, django_capture_on_commit_callbacks):
    round_, _ = targeted_round()
    service = ServiceFactory()
    round_.consultation.services.set([service])
    client.force_login(manager_of(service))
    url = reverse(
        "audiences:upload", kwargs={"consultation_id": round_.consultation.pk}
    )

    def upload(text, *, name="nominees.csv", encoding="utf-8"):
        file = SimpleUploadedFile(name, text.encode(encoding), "text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"service": str(service.pk), "file": file})

    return round_.consultation, service, upload


def test_a_clean_file_is_imported_and_invited(scene, sms_outbox):
    consultation, service, upload = scene
    response = upload(HEADER + GOOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 nominees added" in page
    assert Nomination.objects.filter(consultation=consultation).count() == 3
    sam = Nomination.objects.get(name="Sam Young")
    assert sam.mobile == "+447700900123"
    assert sam.relationship == "young_person"
    assert sam.access_needs == "Easy read"
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3
    assert len(mail.outbox) == 2 and len(sms_outbox) == 1


def test_one_bad_row_refuses_the_whole_file_with_reasons_by_row(scene):
    consultation, service, upload = scene
    NominationFactory(
        consultation=consultation, service=service, email="taken@example.org"
    )
    text = (
        HEADER
        + GOOD
        + (
            "Bad Email,not-an-address,,Parent or carer,,,yes\n"  # row 5
            "No Consent,nc@example.org,,Parent or carer,,,no\n"  # row 6
            "Again Alex,ALEX@example.org,,Parent or carer,,,yes\n"  # row 7
            "Already In,taken@example.org,,Parent or carer,,,yes\n"  # row 8
            "No Contact,,,Young person,,,yes\n"  # row 9
            "Odd One,odd@example.org,,Grandparent,,,yes\n"  # row 10
        )
    )
    response = upload(text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "No nominees were added" in page
    assert "6 of 9 rows cannot be accepted" in page
    for number, reason in [
        (5, "Enter an e-mail address in the correct format"),
        (6, "Missing consent: the consent column must say yes"),
        (7, "Duplicate: the same e-mail address as row 2"),
        (8, "Someone with this e-mail address is already nominated"),
        (9, "Enter an e-mail address or a mobile phone number"),
        (10, "The relationship must be parent or carer, young person"),
    ]:
        assert f"Row {number}: {reason}" in page, number
    # The good rows are listed as acceptable, but nothing was imported.
    assert "Rows that can be accepted" in page and "Pat Pro" in page
    assert Nomination.objects.filter(consultation=consultation).count() == 1
    assert not mail.outbox


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("name,email\nA,a@example.org\n", "utf-8", "missing: mobile, relationship"),
        (HEADER, "utf-8", "The file has no nominees in it"),
        (HEADER + "Zoë,z@example.org,,Parent or carer,,,yes\n", "latin-1", "UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(scene, text, encoding, message):
    consultation, _, upload = scene
    response = upload(text, encoding=encoding)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Nomination.objects.exists()


def test_not_a_csv_is_refused_on_the_form(scene):
    _, _, upload = scene
    response = upload(HEADER + GOOD, name="nominees.xlsx")
    assert response.status_code == 400
    assert "The selected file must be a CSV" in response.content.decode()


def test_a_spreadsheets_byte_order_mark_and_blank_lines_are_fine(scene):
    consultation, _, upload = scene
    response = upload("\ufeff" + HEADER + GOOD + ",,,,,,\n\n", encoding="utf-8")
    assert response.status_code == 200
    assert Nomination.objects.count() == 3


def test_the_template_csv_has_the_columns_and_is_accepted(client, scene):
    consultation, _, upload = scene
    template = client.get(reverse("audiences:template"))
    assert template["Content-Type"] == "text/csv"
    text = template.content.decode()
    assert text.startswith(
        "name,email,mobile,relationship,preferred_language,access_needs,consent"
    )
    assert upload(text).status_code == 200
    assert Nomination.objects.count() == 2
