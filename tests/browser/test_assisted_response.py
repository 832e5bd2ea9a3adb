"""A member of staff takes a family's response by phone and sends it for them."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.models import User
from surveys.models import Answer, Response

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, email):
    """Sign in by session cookie: the sign-in pages have their own tests."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_staff_take_a_response_by_phone(
    demo_site,
    page,
    live_server,
    assert_accessible,
):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/respond/assist/")
    expect(page.get_by_role("heading", name="Help someone respond")).to_be_visible()
    assert_accessible(page, "assisted responses index")
    page.get_by_role(
        "link",
        name="Start an assisted response to A new operating model for Children's "
        "Services",
    ).click()

    expect(
        page.get_by_role("heading", name="Start an assisted response")
    ).to_be_visible()
    assert_accessible(page, "start an assisted response")
    page.get_by_role("button", name="Start the response").click()
    alert = page.get_by_role("alert")
    expect(
        alert.get_by_text("Select how you are helping the respondent")
    ).to_be_visible()
    expect(alert.get_by_text("Confirm that the respondent has agreed")).to_be_visible()
    assert_accessible(page, "start an assisted response with errors")
    page.get_by_label("By phone").check()
    page.get_by_label("The respondent has agreed to this").check()
    page.get_by_role("button", name="Start the response").click()

    expect(page.get_by_text("Section 1 of 5")).to_be_visible()
    expect(page.get_by_text("Assisted response")).to_be_visible()
    assert_accessible(page, "assisted section 1")
    page.get_by_label("Parent or carer").check()
    page.get_by_role("button", name="Continue").click()
    said = "We can't get to the Civic Centre, it's two buses — keep Oak St open"
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("What would make it easier").fill(said)
    for number in (3, 4, 5):
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text(f"Section {number} of 5")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Equalities monitoring")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    assisted = page.locator("#assisted-response")
    expect(assisted.get_by_text("Assisted response")).to_be_visible()
    expect(assisted.get_by_text("Assisted by phone")).to_be_visible()
    expect(assisted.get_by_text("Tess Staff")).to_be_visible()
    assert_accessible(page, "assisted check your answers")
    page.get_by_role("button", name="Send response").click()

    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    expect(page.get_by_text("Assisted by phone")).to_be_visible()
    assert_accessible(page, "assisted confirmation")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    response = Response.objects.get(reference=reference)
    assert response.channel == "phone" and response.consent_recorded
    assert response.assisted_by.email == "staff@example.org"
    assert response.respondent is None
    assert said in set(
        Answer.objects.filter(response=response).values_list("text", flat=True)
    )
