"""An officer imports paper forms from a CSV file through the admin."""

import pytest
from playwright.sync_api import expect

from surveys.models import Response, Round
from tests.browser.test_assisted_response import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_imports_paper_forms(
    demo_site,
    page,
    live_server,
    assert_accessible,
    tmp_path,
):
    round_ = Round.objects.get(
        consultation__title__startswith="A new operating", kind="main"
    )
    questions = list(round_.survey.questions.order_by("sort_order"))
    file = tmp_path / "paper-forms.csv"
    file.write_text(
        "Form number,Which best describes you?,"
        f"{questions[2].label},Comments\n"
        "1,Parent or carer,Agree,Keep Oak Street open\n"
        "2,Grandparent,Agree,Not an option above\n"
        "3,Young person,Disagree,\n",
        encoding="utf-8-sig",
    )
    sign_in(page, live_server, "officer@example.org")
    page.goto(live_server.url + "/admin/response-imports/")
    expect(page.get_by_role("heading", name="Response imports")).to_be_visible()
    assert_accessible(page, "response imports")
    page.get_by_label("Consultation round").select_option(str(round_.pk))
    page.get_by_label("File").set_input_files(str(file))
    page.get_by_role("button", name="Upload and match columns").click()

    expect(
        page.get_by_role("heading", name="Match columns to questions")
    ).to_be_visible()
    assert_accessible(page, "match columns")
    page.get_by_label("Comments").select_option(label=questions[3].label)
    page.get_by_label("Where these responses came from").fill("Paper forms")
    page.get_by_role("button", name="Check every row").click()

    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    expect(page.get_by_role("cell", name="Select one of the options")).to_be_visible()
    assert_accessible(page, "import report")
    page.get_by_role("button", name="Import 2 responses").click()
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    page.get_by_label("Import the valid rows and leave out the refused rows").check()
    page.get_by_role("button", name="Import 2 responses").click()
    expect(page.get_by_text("Imported 2 responses")).to_be_visible()
    assert Response.objects.imported().filter(source="Paper forms").count() == 2
