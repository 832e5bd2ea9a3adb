"""An officer answers a subject rights request in the Wagtail admin: finds the
person's data, downloads it, erases it after the warning; then reads the audit
log, filtered. Every page axe-checked."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.models import User
from consult.accounts.roles import Role, ensure_roles
from surveys.models import Draft, Response
from surveys.services import submit_draft
from tests.browser.animations import settled
from tests.conftest import with_totp
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "parent@example.org"


@pytest.fixture
def officer_page(page, live_server):
    ensure_roles()  # groups do not survive a transactional test's flush
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


@pytest.fixture
def sent():
    round_, q = survey_round()
    draft = Draft.objects.create(
        round=round_,
        contact_email=EMAIL,
        answers={str(q["who"].pk): "Parent or carer", str(q["views"].pk): "Mine"},
    )
    return submit_draft(draft_id=draft.pk)


def test_an_officer_finds_downloads_and_erases_a_persons_data(
    officer_page, live_server, assert_accessible, sent
):
    page = officer_page
    page.goto(live_server.url + "/admin/subject-rights/")
    expect(page.get_by_role("heading", name="Subject rights")).to_be_visible()
    assert_accessible(settled(page), "subject rights")

    page.get_by_role("button", name="Find").click()
    expect(
        page.get_by_text("Enter an e-mail address or a response reference").first
    ).to_be_visible()
    assert_accessible(settled(page), "subject rights with an error")

    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("cell", name=sent.reference)).to_be_visible()
    assert_accessible(settled(page), "what is held")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    assert download.value.suggested_filename == "subject-data.csv"

    page.get_by_role("button", name="Erase everything listed").click()
    expect(page.get_by_text("You cannot undo this.")).to_be_visible()
    assert_accessible(settled(page), "erase: are you sure")
    page.get_by_role("button", name="Erase everything").click()
    expect(page.get_by_text("Erased: 1 responses")).to_be_visible()
    assert not Response.objects.filter(pk=sent.pk).exists()

    page.goto(live_server.url + "/admin/audit-log/")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    expect(page.get_by_text(f"Subject {EMAIL}").first).to_be_visible()
    assert_accessible(settled(page), "audit log")
    page.goto(live_server.url + "/admin/audit-log/?action=erasure")
    listing = page.locator("#listing-results")
    expect(listing).to_contain_text("Erased")
    expect(listing).not_to_contain_text("Looked up a person's data")
    assert_accessible(settled(page), "audit log filtered")
