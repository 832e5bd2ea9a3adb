"""The report's PDF and workbook: what they contain, and that small numbers
stay out of them as they stay out of the page."""

import io
import os
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.consult.reports.factories import report_world, respond

pytestmark = pytest.mark.django_db
SHEETS = {"Summary", "Themes", "Quotes", "Round comparison"}


def pdf_text(body: bytes) -> str:
    if not shutil.which("pdftotext"):
        missing = "pdftotext (Debian's poppler-utils) is not installed"
        if os.environ.get("SB_REQUIRE_BROWSER") == "1":  # CI: make test installs it
            pytest.fail(missing)
        pytest.skip(missing)
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_pdf_has_a_text_layer_with_every_theme(client, world, lead):
    client.force_login(lead)
    response = client.get(reverse("reports:pdf", args=[world.consultation.pk]))
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response) if response.streaming else response.content
    text = pdf_text(body)
    report = client.get(
        reverse("reports:report", args=[world.consultation.pk])
    ).context["report"]
    assert report.themes
    for theme in report.themes:
        assert theme.name in text
    assert world.consultation.title in text
    assert "Contents" in text and "Page 2 of" in text


def test_the_workbook_has_its_sheets(client, world, lead):
    client.force_login(lead)
    response = client.get(reverse("reports:xlsx", args=[world.consultation.pk]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert SHEETS <= set(book.sheetnames)
    questions = [name for name in book.sheetnames if re.match(r"Q\d ", name)]
    assert len(questions) == 3  # agree scale, single choice, ranking
    themes = list(book["Themes"].iter_rows(values_only=True))
    assert themes[0][0] == "Theme" and len(themes) > 1


def test_formula_like_text_is_neutralised_in_the_workbook(client, officer):
    world = report_world()
    for _ in range(12):
        respond(
            world, who="=HYPERLINK(1)", text="=cmd|' /C calc'!A0", themes={"camhs": 0.0}
        )
    client.force_login(officer)
    response = client.get(reverse("reports:xlsx", args=[world.consultation.pk]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = [
        c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row
    ]
    texts = [c for c in cells if isinstance(c, str)]
    assert "'=HYPERLINK(1)" in texts
    assert not any(t.startswith("=") for t in texts)


@pytest.fixture
def small(db):
    """Twelve responses: eleven parents, one staff member who alone raises CAMHS."""
    world = report_world()
    for _ in range(11):
        respond(
            world,
            who="Parent or carer",
            where="Library",
            text="The front door",
            themes={"front-door": 0.5},
        )
    respond(
        world,
        who="Staff member",
        where="Online",
        text="My CAMHS worry, 07700 900123",
        themes={"camhs": -0.5},
    )
    return world


def _figures(text: str) -> list[int]:
    return [
        int(n.replace(",", ""))
        for n in re.findall(r"(?<![\w.])\d[\d,]*(?![\w.%])", text)
    ]


def test_no_small_figure_in_the_page(client, small, officer):
    client.force_login(officer)
    page = client.get(reverse("reports:report", args=[small.consultation.pk]))
    main = page.content.decode().split('id="summary"')[1].split("</main>")[0]
    main = re.sub(r"<[^>]+>", " ", main)
    assert "fewer than 10" in main
    assert "CAMHS" in main  # the theme is named ...
    assert "07700" not in main and "My CAMHS worry" not in main  # ... not quoted
    main = re.sub(r"\d{4}-\d{2}-\d{2}", "", main)  # days in the "by day" table
    figures = _figures(main)
    assert 11 in figures and not [n for n in figures if 0 < n < 10]


def test_a_filter_leaving_fewer_than_ten_shows_no_quotes(client, small, officer):
    client.force_login(officer)
    url = reverse("reports:report", args=[small.consultation.pk])
    everyone = client.get(url).context["report"]
    assert any(t.quotes or t.key_points for t in everyone.themes)
    staff = client.get(url, {"respondent_type": "Staff member"})
    assert not any(t.quotes or t.key_points for t in staff.context["report"].themes)
    assert "No quotes are shown" in staff.content.decode()
    assert "My CAMHS worry" not in staff.content.decode()


def test_no_small_figure_in_the_workbook(client, small, officer):
    client.force_login(officer)
    response = client.get(reverse("reports:xlsx", args=[small.consultation.pk]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    numbers = [
        c
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if isinstance(c, int | float) and not isinstance(c, bool)
    ]
    counts = [n for n in numbers if float(n).is_integer()]
    assert counts and not [n for n in counts if 0 < n < 10]
    texts = [
        c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row
    ]
    assert "fewer than 10" in texts


def test_no_small_figure_in_the_pdf(client, small, officer):
    client.force_login(officer)
    response = client.get(reverse("reports:pdf", args=[small.consultation.pk]))
    text = pdf_text(response.content)
    body = text.split("Withdrawn responses", 1)[1]  # after the contents
    body = body.replace(small.consultation.title, "")
    body = re.sub(r"(?m)\b\d+\. ", "", body)  # themes' ranks: "2. CAMHS"
    body = re.sub(r"Page \d+ of \d+", "", body)
    body = re.sub(r"figures as at .*", "", body)
    body = re.sub(r"\d{4}-\d{2}-\d{2}", "", body)  # days in the "by day" table
    assert "fewer than 10" in body
    small_figures = [n for n in _figures(body) if 0 < n < 10]
    assert not small_figures, body


def test_a_large_reports_pdf_is_made_by_a_task_with_progress(
    client, world, lead, settings, django_capture_on_commit_callbacks
):
    from consult.reports.models import PdfExport
    from consult.reports.tasks import build_report_pdf

    settings.REPORT_PDF_SYNC_LIMIT = 5
    client.force_login(lead)
    url = reverse("reports:pdf", args=[world.consultation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"channel": "online"})
    export = PdfExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "reports:pdf_status", args=[world.consultation.pk, export.pk]
    )
    assert export.status == "done" and export.query == "channel=online"
    assert build_report_pdf(str(export.pk)) is False  # made once
    page = client.get(response["Location"]).content.decode()
    assert "Your PDF is ready" in page
    download = reverse("reports:pdf_download", args=[world.consultation.pk, export.pk])
    body = client.get(download).content
    assert body.startswith(b"%PDF-") and "Online" in pdf_text(body)


def test_a_pdf_not_made_yet_shows_its_progress(client, world, lead):
    from consult.reports.models import PdfExport

    export = PdfExport.objects.create(
        consultation=world.consultation, status="running", step="Laying out the pages"
    )
    client.force_login(lead)
    status = reverse("reports:pdf_status", args=[world.consultation.pk, export.pk])
    assert "Being made: laying out the pages" in client.get(status).content.decode()
    download = reverse("reports:pdf_download", args=[world.consultation.pk, export.pk])
    assert client.get(download).status_code == 404
