"""Importing responses from CSV and XLSX: map, validate every row, all or nothing."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from consult.accounts.models import User
from surveys import import_files, imports
from surveys.models import Answer, Response, ResponseImport
from surveys.signals import response_submitted
from tests.conftest import with_totp
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db

HEADINGS = ["Which best describes you?", "What do you think", "Which do you use?"]


def user_with_role(email, role):
    user = User.objects.create_user(email, "x" * 16)
    user.groups.add(Group.objects.get(name=role))
    return with_totp(user)


@pytest.fixture
def officer(client):
    user = user_with_role("officer@example.org", "Officer")
    client.force_login(user)
    return user


@pytest.fixture
def survey():
    return survey_round()


@pytest.fixture
def submitted():
    """Every response_submitted signal sent, as analysis would receive it."""
    sent = []

    def receiver(sender, response, answers, **kwargs):
        sent.append((response, answers))

    response_submitted.connect(receiver)
    yield sent
    response_submitted.disconnect(receiver)


def csv_file(rows, name="responses.csv"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_file(rows, name="responses.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, round_, file):
    return client.post(
        reverse("response_imports:index"), {"round": str(round_.pk), "file": file}
    )


def mapping_post(upload_, **columns):
    data = {f"column_{i}": "" for i in range(len(upload_.columns))}
    data.update({f"column_{i}": v for i, v in columns.items()})
    return data


def test_csv_happy_path_from_upload_to_import(client, officer, survey, submitted):
    round_, q = survey
    rows = [
        [*HEADINGS, "Source"],
        ["Parent or carer", "  Keep Oak St open!\nPlease.", "Centres; Schools", ""],
        ["Young person", "", "", "Youth club survey"],
        ["", "", "", ""],  # blank rows are skipped
    ]
    response = upload(client, round_, csv_file(rows))
    upload_ = ResponseImport.objects.get()
    assert response.status_code == 302
    mapping_url = reverse("response_imports:mapping", args=[upload_.pk])
    assert response["Location"] == mapping_url
    assert upload_.file_format == "csv" and upload_.columns == [*HEADINGS, "Source"]
    # Headings that match a question's wording are matched already.
    assert upload_.mapping == {
        "0": str(q["who"].pk),
        "1": str(q["views"].pk),
        "2": str(q["services"].pk),
        "3": "source",
    }
    page = client.get(response["Location"]).content.decode()
    assert "Match columns to questions" in page

    response = client.post(
        response["Location"],
        {**mapping_post(upload_, **upload_.mapping), "source": "Paper form"},
    )
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert "Import 2 responses" in report
    response = client.post(response["Location"], {})
    assert response.status_code == 302

    upload_.refresh_from_db()
    assert upload_.status == "imported" and upload_.imported_count == 2
    assert upload_.content is None  # the file is not kept
    made = {
        r.answers.get(question=q["who"]).text
        or r.answers.get(question=q["who"]).value[0]: r
        for r in Response.objects.all()
    }
    parent, young = made["Parent or carer"], made["Young person"]
    assert parent.channel == "imported" and parent.source == "Paper form"
    assert young.source == "Youth club survey"  # the row's own source wins
    assert parent.reference.startswith("SB-")
    assert (
        parent.answers.get(question=q["views"]).text == "  Keep Oak St open!\nPlease."
    )
    assert parent.answers.get(question=q["services"]).value == ["Centres", "Schools"]
    assert {r for r, _ in submitted} == {parent, young}
    assert list(Response.objects.imported().order_by("pk")) == sorted(
        [parent, young], key=lambda r: r.pk
    )


def test_xlsx_happy_path_with_numbers_and_formula_looking_text(
    client, officer, survey, submitted
):
    round_, q = survey
    rows = [
        ["What do you think", "Which best describes you?"],
        ['=HYPERLINK("http://evil")', "Other"],
        [42, "Staff member"],
        ["@SUM(A1)", "Trade union"],
    ]
    response = upload(client, round_, xlsx_file(rows))
    upload_ = ResponseImport.objects.get()
    assert response.status_code == 302 and upload_.file_format == "xlsx"
    client.post(
        reverse("response_imports:mapping", args=[upload_.pk]),
        mapping_post(upload_, **upload_.mapping),
    )
    client.post(reverse("response_imports:report", args=[upload_.pk]), {})
    texts = set(
        Answer.objects.filter(question=q["views"]).values_list("text", flat=True)
    )
    # Stored as the text that was written, never evaluated; exports neutralise it.
    assert texts == {'=HYPERLINK("http://evil")', "42", "@SUM(A1)"}
    assert len(submitted) == 3


def test_columns_are_mapped_by_the_officer_and_ignored_columns_are_left(
    client, officer, survey
):
    round_, q = survey
    rows = [["Name", "Q1", "Comments"], ["Ann Smith", "Parent or carer", "Good"]]
    upload(client, round_, csv_file(rows))
    upload_ = ResponseImport.objects.get()
    assert upload_.mapping == {}  # nothing matches a question's wording
    url = reverse("response_imports:mapping", args=[upload_.pk])
    nothing = client.post(url, mapping_post(upload_))
    assert nothing.status_code == 400
    assert "Match at least one column to a question" in nothing.content.decode()
    twice = client.post(
        url, mapping_post(upload_, **{"1": str(q["who"].pk), "2": str(q["who"].pk)})
    )
    assert twice.status_code == 400
    assert "Match each question to one column only" in twice.content.decode()

    client.post(
        url, mapping_post(upload_, **{"1": str(q["who"].pk), "2": str(q["views"].pk)})
    )
    client.post(reverse("response_imports:report", args=[upload_.pk]), {})
    response = Response.objects.get()
    assert {a.question_id: a.value for a in response.answers.all()} == {
        q["who"].pk: ["Parent or carer"],
        q["views"].pk: ["Good"],
    }
    assert "Ann Smith" not in str(list(Answer.objects.values_list("value", flat=True)))


def test_refused_rows_are_reported_with_reasons_and_imported_only_when_chosen(
    client, officer, survey, submitted
):
    round_, q = survey
    rows = [
        HEADINGS,
        ["Parent or carer", "Fine", "Centres"],
        ["Grandparent", "Fine", ""],  # row 3: not one of the options
        ["Young person", "x" * 51, "Libraries"],  # row 4: too long, bad option
        ["", "No type given", ""],  # row 5: the required answer is missing
        ["Other", "", ""],
    ]
    upload(client, round_, csv_file(rows))
    upload_ = ResponseImport.objects.get()
    client.post(
        reverse("response_imports:mapping", args=[upload_.pk]),
        mapping_post(upload_, **upload_.mapping),
    )
    upload_.refresh_from_db()
    assert (upload_.accepted_count, upload_.refused_count) == (2, 3)
    problems = {r["row"]: dict(r["problems"]) for r in upload_.refused_rows}
    assert problems[3] == {
        "Which best describes you?": "Select one of the options for "
        "“Which best describes you?”"
    }
    assert "must be 50 characters or fewer" in problems[4]["What do you think?"]
    assert "Select one of the options" in problems[4]["Which do you use?"]
    assert problems[5] == {
        "Which best describes you?": "Select an answer to “Which best describes you?”"
    }
    url = reverse("response_imports:report", args=[upload_.pk])
    report = client.get(url).content.decode()
    assert "Refused rows" in report and "Grandparent" not in report

    refused = client.post(url, {})  # not chosen to leave the refused rows out
    assert (
        refused.status_code == 400
        and "Nothing was imported" in refused.content.decode()
    )
    assert not Response.objects.exists() and not submitted

    client.post(url, {"skip_refused": "on"})
    assert Response.objects.count() == 2
    upload_.refresh_from_db()
    assert upload_.imported_count == 2


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("empty.csv", b""), "The file is empty"),
        (
            SimpleUploadedFile("headings.csv", b"\xef\xbb\xbfA,B\r\n,\r\n"),
            "The file has headings but no responses",
        ),
        (
            SimpleUploadedFile("twice.csv", b"Views,Other,views \r\nx,y,z\r\n"),
            "The heading “views” appears twice (columns A and C)",
        ),
        (SimpleUploadedFile("notes.pdf", b"%PDF-1.4"), "must be a CSV (.csv) or Excel"),
        (SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0"), "must be a CSV (.csv)"),
        (SimpleUploadedFile("fake.xlsx", b"A,B\r\n1,2"), "not a valid Excel"),
        (
            SimpleUploadedFile("renamed.csv", b"PK\x03\x04rest"),
            "an Excel workbook with a .csv name",
        ),
        (
            SimpleUploadedFile("latin.csv", "Views\r\nCaf\xe9\r\n".encode("latin-1")),
            "not in UTF-8",
        ),
    ],
)
def test_files_that_cannot_be_imported_are_refused_with_a_reason(
    client, officer, survey, file, message
):
    round_, _ = survey
    response = upload(client, round_, file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ResponseImport.objects.exists()


def test_a_file_too_large_is_refused(client, officer, survey, monkeypatch):
    round_, _ = survey
    monkeypatch.setattr(import_files, "MAX_BYTES", 100)
    rows = [HEADINGS] + [["Other", "x" * 40, ""]] * 5
    with pytest.raises(imports.ImportFileError, match="larger than"):
        imports.receive_upload(
            round_=round_,
            uploaded_by=officer,
            name="big.csv",
            chunks=csv_file(rows).chunks(),
        )


def test_a_failure_mid_import_saves_nothing(client, officer, survey):
    round_, q = survey
    rows = [HEADINGS] + [["Other", f"View {i}", ""] for i in range(1200)]
    upload(client, round_, csv_file(rows))
    upload_ = ResponseImport.objects.get()
    imports.check_import(upload=upload_, mapping=upload_.mapping, source="")
    seen = []

    def fail_on_the_700th(sender, response, answers, **kwargs):
        seen.append(response)
        if len(seen) == 700:  # past the first batch, which has been written
            raise RuntimeError("database went away")

    response_submitted.connect(fail_on_the_700th)
    try:
        with pytest.raises(RuntimeError):
            imports.import_responses(upload_id=upload_.pk, skip_refused=False)
    finally:
        response_submitted.disconnect(fail_on_the_700th)
    assert not Response.objects.exists() and not Answer.objects.exists()
    upload_.refresh_from_db()
    assert upload_.status == "uploaded" and upload_.content  # can be tried again

    imports.import_responses(upload_id=upload_.pk, skip_refused=False)
    assert Response.objects.count() == 1200
    # Idempotent: confirming again (a double click) imports nothing more.
    again = imports.import_responses(upload_id=upload_.pk, skip_refused=False)
    assert again.imported_count == 1200 and Response.objects.count() == 1200


def test_closed_rounds_accept_imports(client, officer):
    round_, q = survey_round(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(reverse("response_imports:index")).content.decode()
    assert "(closed)" in page
    upload(client, round_, csv_file([HEADINGS, ["Other", "Late paper form", ""]]))
    upload_ = ResponseImport.objects.get()
    imports.check_import(upload=upload_, mapping=upload_.mapping, source="Post")
    imports.import_responses(upload_id=upload_.pk, skip_refused=False)
    assert Response.objects.get().round == round_


def test_a_few_thousand_rows_import(client, officer, survey):
    round_, q = survey
    rows = [HEADINGS] + [
        ["Parent or carer", f"Answer number {i}", "Centres; Schools"]
        for i in range(3000)
    ]
    upload(client, round_, csv_file(rows))
    upload_ = ResponseImport.objects.get()
    imports.check_import(upload=upload_, mapping=upload_.mapping, source="")
    upload_.refresh_from_db()
    assert upload_.accepted_count == 3000
    imports.import_responses(upload_id=upload_.pk, skip_refused=False)
    assert Response.objects.imported().count() == 3000
    assert Answer.objects.count() == 9000


def test_cancelling_drops_the_file(client, officer, survey):
    round_, _ = survey
    upload(client, round_, csv_file([HEADINGS, ["Other", "", ""]]))
    upload_ = ResponseImport.objects.get()
    client.post(reverse("response_imports:report", args=[upload_.pk]), {"cancel": "1"})
    upload_.refresh_from_db()
    assert upload_.status == "cancelled" and upload_.content is None
    assert not Response.objects.exists()


@pytest.mark.parametrize("role", ["Project lead", "Staff", "Service manager"])
def test_only_officers_may_import(client, survey, role):
    round_, _ = survey
    officer = user_with_role("officer@example.org", "Officer")
    upload_ = imports.receive_upload(
        round_=round_,
        uploaded_by=officer,
        name="r.csv",
        chunks=csv_file([HEADINGS, ["Other", "", ""]]).chunks(),
    )
    client.force_login(user_with_role("someone@example.org", role))
    for url in (
        reverse("response_imports:index"),
        reverse("response_imports:mapping", args=[upload_.pk]),
        reverse("response_imports:report", args=[upload_.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {}).status_code in (302, 403)
    # With admin access but not the permission: plainly forbidden.
    if role == "Project lead":
        assert client.get(reverse("response_imports:index")).status_code == 403
    assert upload_.__class__.objects.get().status == "uploaded"
    assert not Response.objects.exists()


def test_the_admin_menu_shows_imports_to_officers(client, officer):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("response_imports:index") in html


def test_a_file_with_too_many_rows_is_refused(officer, survey, monkeypatch):
    round_, _ = survey
    monkeypatch.setattr(import_files, "MAX_ROWS", 3)
    rows = [HEADINGS] + [["Other", "", ""]] * 4
    with pytest.raises(imports.ImportFileError, match="more than 3 rows"):
        imports.receive_upload(
            round_=round_,
            uploaded_by=officer,
            name="many.csv",
            chunks=csv_file(rows).chunks(),
        )
    assert not ResponseImport.objects.exists()
