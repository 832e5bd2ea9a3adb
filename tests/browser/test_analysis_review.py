"""An officer runs the analysis of the demo consultation, reads its themes with
quotes, and confirms and rejects tags; every page is axe-checked."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.models import User
from consult.analysis.models import AnalysisRun, ThemeAssignment
from tests.browser.animations import settled
from tests.conftest import with_totp

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer_page(demo_site, page, live_server):
    officer = with_totp(User.objects.get(email="officer@example.org"))
    client = Client()
    client.force_login(officer)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_officer_runs_and_reviews_the_demo_analysis(
    officer_page, live_server, assert_accessible
):
    page = officer_page
    page.goto(live_server.url + "/admin/analysis/")
    assert_accessible(page, "analysis index")
    page.get_by_role(
        "link", name="A new operating model for Children's Services", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Themes")).to_be_visible()
    expect(page.get_by_role("link", name="Single front door")).to_be_visible()
    assert_accessible(page, "consultation analysis")

    page.get_by_role("button", name="Run analysis again").click()
    progress = page.locator("#analysis-progress")
    expect(progress.get_by_text("answers analysed")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    expect(progress.get_by_text("Finished")).to_be_visible()
    assert AnalysisRun.objects.filter(status="finished").count() == 2
    # Quotes, redacted where needed, in the themes table.
    expect(page.locator(".analysis-quotes li").first).to_be_visible()
    assert_accessible(settled(page), "analysis after a run")

    page.get_by_role("link", name="Single front door").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Single front door")
    expect(page.locator(".analysis-answer mark").first).to_be_visible()
    assert_accessible(page, "theme review")

    first = page.locator(".analysis-answer").first
    first_id = first.get_attribute("id").removeprefix("tag-")
    first.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("confirmed on this answer")).to_be_visible()
    second = page.locator(".analysis-answer").first  # the confirmed one left the list
    second_id = second.get_attribute("id").removeprefix("tag-")
    assert second_id != first_id
    second.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("rejected on this answer")).to_be_visible()
    assert ThemeAssignment.objects.get(pk=first_id).decision == "confirmed"
    assert ThemeAssignment.objects.get(pk=second_id).decision == "rejected"

    page.get_by_role("link", name="Confirmed").click()
    expect(page.locator(f"#tag-{first_id}")).to_be_visible()
    page.get_by_role("link", name="Rejected").click()
    expect(page.locator(f"#tag-{second_id}")).to_be_visible()
    expect(page.get_by_role("heading", name="Signals whose matches were rejected"))
    assert_accessible(settled(page), "rejected tags")
