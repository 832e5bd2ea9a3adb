"""An officer works through candidate themes in the admin, checked with axe."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.roles import Role
from consult.analysis.candidate_services import refresh_candidates
from consult.analysis.models import Theme
from tests.browser.animations import settled
from tests.consult.analysis.factories import discoverable_consultation, person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer_page(page, live_server):
    consultation = discoverable_consultation()
    refresh_candidates(consultation=consultation)
    officer = person("officer@example.org", Role.OFFICER)
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
    page.goto(f"{live_server.url}/admin/analysis/{consultation.pk}/candidates/")
    return page, consultation


def test_officer_renames_merges_and_accepts(officer_page, assert_accessible):
    page, consultation = officer_page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidate themes")
    expect(page.get_by_text("car park (3)")).to_be_visible()
    assert_accessible(page, "candidate themes")

    page.get_by_role("link", name="Rename “car park”").click()
    assert_accessible(page, "rename form")
    page.get_by_label("New name").fill("")
    page.get_by_role("button", name="Rename").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter a name for the candidate theme."
    )
    assert_accessible(settled(page), "rename form with an error")
    page.get_by_label("New name").fill("Parking at the hub")
    page.get_by_role("button", name="Rename").click()
    expect(page.get_by_text("Renamed to “Parking at the hub”.")).to_be_visible()

    page.get_by_role("link", name="Merge “waiting list” into another").click()
    assert_accessible(page, "merge form")
    page.get_by_label("Parking at the hub (3 answers)").check()
    page.get_by_role("button", name="Merge").click()
    expect(
        page.get_by_text("“waiting list” merged into “Parking at the hub”.")
    ).to_be_visible()

    page.get_by_role("button", name="Accept “Parking at the hub” as a theme").click()
    expect(page.get_by_text("is now a theme in the codebook")).to_be_visible()
    assert_accessible(settled(page), "candidate themes after decisions")
    theme = Theme.objects.get(
        codebook__consultation=consultation, name="Parking at the hub"
    )
    assert {"car park", "waiting list"} <= set(theme.signal_list)
