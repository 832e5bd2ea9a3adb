"""A parent responds to the demo consultation on a phone, fixing an error on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surveys.equalities import response_link
from surveys.models import Answer, EqualityMonitoring, Response

pytestmark = pytest.mark.django_db(transaction=True)


def test_respond_on_a_phone(demo_site, phone, live_server, assert_accessible):
    page = phone
    page.goto(live_server.url + "/consultations/new-operating-model/")
    # The consultation page is the start page: its button opens the first question.
    page.get_by_role("button", name="Respond to this consultation").click()
    expect(page.get_by_text("Section 1 of 5")).to_be_visible()
    # The survey's own start page (for direct links) links there too.
    page.get_by_role("link", name="Back").click()
    assert_accessible(page, "start page")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_text("Section 1 of 5")).to_be_visible()
    assert_accessible(page, "first question, before anything is kept")

    page.get_by_role(
        "button", name="Continue"
    ).click()  # the required answer is missing
    expect(page.get_by_role("alert").get_by_text("Select an answer")).to_be_visible()
    assert_accessible(page, "section with an error")
    page.get_by_role("alert").get_by_role(
        "link"
    ).click()  # the summary links to the field
    page.get_by_label("Parent or carer").check()
    page.get_by_label("Children's Centres").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Section 2 of 5")).to_be_visible()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("What would make it easier").fill(
        "An evening phone line, please."
    )
    assert_accessible(page, "section 2")

    # Save and come back later, then carry on from the link in a fresh browser.
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    page.get_by_label("E-mail address").fill("parent@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(
        page.get_by_text("We have sent the link to parent@example.org")
    ).to_be_visible()
    assert_accessible(page, "saved page")
    resume_link = page.locator(".sb-break-anywhere").inner_text()
    assert resume_link in mail.outbox[-1].body
    page.context.clear_cookies()  # as if the session had timed out
    page.goto(resume_link)
    expect(page.get_by_text("Section 2 of 5")).to_be_visible()  # where they stopped
    expect(page.get_by_label("What would make it easier")).to_have_value(
        "An evening phone line, please."
    )
    for number in (3, 4, 5):
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text(f"Section {number} of 5")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Equalities monitoring")).to_be_visible()
    assert_accessible(page, "equalities monitoring")
    page.get_by_role("group", name="What is your age?").get_by_label("25 to 34").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    expect(page.get_by_text("An evening phone line, please.")).to_be_visible()
    assert_accessible(page, "check your answers")
    page.get_by_role("link", name="Change which best describes you?").click()
    page.get_by_label("Young person").check()
    page.get_by_role("button", name="Save and return to check your answers").click()
    expect(page.get_by_text("Young person")).to_be_visible()

    page.get_by_label("E-mail address (optional)").fill("parent@example.org")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    assert_accessible(page, "confirmation")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    response = Response.objects.get(reference=reference)
    texts = set(Answer.objects.filter(response=response).values_list("text", flat=True))
    theirs = EqualityMonitoring.objects.filter(response_link=response_link(response.pk))
    assert theirs.get().age_band == "25 to 34"
    assert "An evening phone line, please." in texts

    # The receipt's personal link lets them withdraw.
    receipt = next(m for m in mail.outbox if reference in m.body)
    manage_path = re.search(r"/respond/response/\S+", receipt.body).group(0)
    page.goto(live_server.url + manage_path)
    expect(
        page.get_by_role("heading", name=f"Your response {reference}")
    ).to_be_visible()
    assert_accessible(page, "your response")
    page.get_by_role("button", name="Withdraw my response").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    assert_accessible(page, "confirm withdrawal")
    assert not Response.objects.get(reference=reference).is_withdrawn
    page.get_by_role("button", name="Yes, withdraw my response").click()
    expect(page.get_by_text("Your response has been withdrawn")).to_be_visible()
    response.refresh_from_db()
    assert response.is_withdrawn
    assert not theirs.exists()  # withdrawing removes them too
