"""An officer publishes a new consultation with a five-question survey in one
pass, and the clicks are counted (target: under 20). Each admin page is
axe-checked."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import ConsultationPage
from consult.accounts.models import User
from consult.accounts.roles import Role, ensure_roles
from tests.browser.animations import settled
from tests.conftest import with_totp

pytestmark = pytest.mark.django_db(transaction=True)
FMT = "%Y-%m-%dT%H:%M"


class Counted:
    """Every click, check and field an officer has to click into, counted."""

    def __init__(self, page):
        self.page, self.clicks = page, 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def fill(self, locator, value):
        self.clicks += 1  # clicking into the field; typing is not a click
        locator.fill(value)


@pytest.fixture
def officer_page(page, live_server, site_root):
    # A live-server test starts from a flushed database: the roles' page
    # permissions need the page tree that site_root has just made.
    ensure_roles()
    officer = with_totp(User.objects.create_user("officer@example.org", "x" * 16))
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
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


def test_new_consultation_published_in_under_20_clicks(
    officer_page, live_server, assert_accessible
):
    page, now = officer_page, timezone.now()
    counted = Counted(page)
    page.goto(live_server.url + "/admin/")
    counted.click(page.get_by_role("link", name="New consultation"))
    expect(page.get_by_role("heading", name="New consultation")).to_be_visible()
    assert_accessible(settled(page), "new consultation")
    counted.fill(page.locator("#id_title"), "Youth clubs review")
    counted.fill(page.locator("#id_summary"), "Tell us what youth clubs should do.")
    counted.fill(
        page.locator("#id_opens_at"),
        (now - timedelta(hours=1)).strftime(FMT),
    )
    counted.fill(
        page.locator("#id_closes_at"),
        (now + timedelta(days=28)).strftime(FMT),
    )
    # "Start from a template" and "Proposal feedback" (five questions) are chosen.
    counted.click(
        page.get_by_role("button", name="Create the consultation and its draft page")
    )
    expect(page.get_by_text("is ready as a draft with its survey")).to_be_visible()
    assert_accessible(settled(page), "page editor")
    counted.click(page.get_by_role("button", name="More actions"))
    counted.click(page.get_by_role("button", name="Publish"))
    expect(page.get_by_text("has been published")).to_be_visible()

    consultation_page = ConsultationPage.objects.get()
    assert consultation_page.live
    survey = consultation_page.consultation.main_round.survey
    assert survey.questions.count() == 5
    print(f"\nclicks to publish a new consultation: {counted.clicks}")  # noqa: T201
    assert counted.clicks < 20
    page.goto(live_server.url + consultation_page.url)
    expect(
        page.get_by_role("heading", level=1, name="Youth clubs review")
    ).to_be_visible()
    assert "region" not in violations(page)  # the Beta banner is in a landmark

    # The record's form: its date-time pickers' buttons have names.
    record = consultation_page.consultation
    page.goto(
        f"{live_server.url}/admin/snippets/surveys/consultation/edit/{record.pk}/"
    )
    page.locator("input[name$='opens_at']").first.click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    assert_accessible(settled(page), "consultation record with a date picker open")
    # Leave the editor: its editing-session pings would outlive the test's database.
    page.goto("about:blank")


def violations(page) -> set[str]:
    from axe_playwright_python.sync_playwright import Axe

    return {v["id"] for v in Axe().run(page).response["violations"]}
