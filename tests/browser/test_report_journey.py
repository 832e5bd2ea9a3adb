"""A project lead reads the themed report: opens it from the admin menu,
filters it by respondent type, opens a theme, rejects a tag, downloads the
PDF and the workbook, and prints it. Every page is axe-checked."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.roles import Role
from consult.analysis.models import ThemeAssignment
from tests.consult.analysis.factories import person
from tests.consult.reports.factories import report_world, respond

pytestmark = pytest.mark.django_db(transaction=True)
SECTIONS = ("summary", "questions", "themes", "matrices", "comparison")


@pytest.fixture
def lead_page(page, live_server):
    world = report_world()
    for i in range(30):
        respond(
            world,
            who="Parent or carer",
            services=["Schools"],
            agree="Agree",
            where="Library",
            text=f"One front door would help us, parent {i}.",
            themes={"front-door": 0.6},
        )
    for i in range(12):
        respond(
            world,
            who="Staff member",
            services=["Centres"],
            agree="Disagree",
            where="Online",
            channel="phone",
            text=f"CAMHS waits are too long, colleague {i}.",
            themes={"camhs": -0.7, "front-door": 0.0},
        )
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[world.consultation])
    client = Client()
    client.force_login(lead)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return page, world


def test_a_lead_reads_filters_reviews_and_downloads_the_report(
    lead_page, live_server, assert_accessible, tmp_path
):
    page, world = lead_page
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    assert_accessible(page, "reports index")
    page.get_by_role("link", name=world.consultation.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What people told us")
    expect(page.locator("#themes svg").first).to_be_visible()
    assert_accessible(page, "report")

    page.get_by_label("Respondent type", exact=True).select_option("Parent or carer")
    page.get_by_role("button", name="Apply filters").click()
    assert "respondent_type=Parent+or+carer" in page.url
    expect(
        page.get_by_text("Filtered: respondent type Parent or carer")
    ).to_be_visible()
    assert_accessible(page, "filtered report")

    page.locator("#themes table").get_by_role("link", name="Single front door").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single front door")
    assert "respondent_type=Parent+or+carer" in page.url
    assert_accessible(page, "theme page")
    answer = page.locator(".report-answer").first
    quote = answer.locator("blockquote").inner_text()
    answer.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("rejected on this answer")).to_be_visible()
    rejected = ThemeAssignment.objects.get(decision="rejected")
    assert rejected.answer.text.strip() in quote
    assert "respondent_type=Parent+or+carer" in page.url

    page.get_by_role("link", name=world.consultation.title).click()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Download the figures (Excel workbook)").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")

    page.emulate_media(media="print")
    for section in SECTIONS:
        expect(page.locator(f"#{section}")).to_be_visible()
    expect(page.locator(".report-filters")).to_be_hidden()
    expect(page.locator(".govuk-header, .govuk-template__header").first).to_be_hidden()
    page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
