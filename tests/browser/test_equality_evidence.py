"""An officer imports a population profile, opens the equality evidence, edits
the equality impact assessment, exports it as PDF and records its submission
to decision-makers; axe checks every page."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.roles import Role
from consult.reports.equalities.models import Submission
from surveys.demo import OPERATING_MODEL, build_survey
from tests.browser.animations import settled
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import person
from tests.consult.reports.equalities.factories import respond_many

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE = b"""characteristic,category,count
disability,Yes,18000
disability,No,82000
sex,Female,51000
sex,Male,49000
"""


@pytest.fixture
def consultation():
    survey = build_survey("Your views", "", OPERATING_MODEL)
    round_ = RoundFactory(survey=survey)
    door = survey.questions.get(kind="agree_scale")
    for n, who, answer in [
        (24, {"disability": "Yes", "sex": "Female"}, "Disagree"),
        (12, {"disability": "Yes", "sex": "Male"}, "Agree"),
        (12, {"disability": "No", "sex": "Female"}, "Disagree"),
        (30, {"disability": "No", "sex": "Male"}, "Agree"),
        (18, {"disability": "No", "sex": "Female"}, "Strongly agree"),
    ]:
        respond_many(round_, n, monitoring=who, answers={door: answer})
    return round_.consultation


@pytest.fixture
def officer_page(page, live_server):
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
    return page


def test_officer_from_population_profile_to_submitted_assessment(
    officer_page, live_server, consultation, assert_accessible
):
    page = officer_page
    page.goto(live_server.url + "/admin/equalities/population/import/")
    assert_accessible(page, "population import")
    page.get_by_label("Name").fill("Census 2021: Anytown")
    page.get_by_label("CSV file").set_input_files(
        {"name": "population.csv", "mimeType": "text/csv", "buffer": PROFILE}
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("imported: 4 figures")).to_be_visible()
    assert_accessible(settled(page), "population profiles")

    page.goto(f"{live_server.url}/reports/{consultation.pk}/equalities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Equality evidence")
    expect(page.get_by_role("caption").filter(has_text="Disability")).to_be_visible()
    expect(
        page.get_by_text("Disabled respondents disagreed with").first
    ).to_be_visible()
    assert_accessible(page, "equality evidence")

    page.get_by_role("link", name="The equality impact assessment").click()
    page.get_by_role("link", name="Start the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Edit the equality impact assessment"
    )
    assert_accessible(page, "assessment edit")
    page.get_by_label("The proposal").fill("One front door for all requests.")
    staff_disability = page.get_by_role("group", name="Staff: Disability")
    staff_disability.get_by_label("Negative").check()
    staff_disability.get_by_label("Mitigation").fill("Step-free access at every site.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Saved as version 1.")).to_be_visible()
    assert_accessible(settled(page), "assessment")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download version 1 (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    page.get_by_role("link", name="Record submission to decision-makers").click()
    assert_accessible(page, "record submission")
    page.get_by_label("Meeting").fill("Cabinet")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Record submission").click()
    expect(page.get_by_text("Version 1 to Cabinet on 12 March 2027")).to_be_visible()
    assert_accessible(settled(page), "assessment after submission")
    staff = Submission.objects.get().version.content["staff"]["disability"]
    assert (staff["impact"], staff["mitigation"]) == (
        "negative",
        "Step-free access at every site.",
    )
