"""A visitor finds the demo consultation, reads it and opens its documents."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def journey(page, live_server, assert_accessible):
    page.goto(live_server.url + "/")
    assert_accessible(page, "home page")
    page.get_by_role(
        "link", name="A new operating model for Children's Services"
    ).click()
    page.wait_for_url("**/consultations/new-operating-model/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "A new operating model for Children's Services"
    )
    expect(page.get_by_text("Open", exact=True).first).to_be_visible()
    expect(
        page.get_by_role("button", name="Respond to this consultation")
    ).to_be_visible()
    assert_accessible(page, "consultation page")

    href = page.get_by_role("link", name="easy read").get_attribute("href")
    document = page.request.get(live_server.url + href)
    assert document.ok and document.headers["content-type"] == "application/pdf"
    assert document.body().startswith(b"%PDF-")

    page.goto(live_server.url + "/consultations/")
    assert_accessible(page, "consultation index")
    page.select_option("#status", "outcome")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 consultation")).to_be_visible()
    page.get_by_role("link", name="Children's centre opening hours").click()
    page.get_by_role("link", name="What we did about opening hours").click()
    expect(page.get_by_role("heading", name="We did", exact=True)).to_be_visible()
    assert_accessible(page, "outcome page")


def test_desktop_journey(demo_site, page, live_server, assert_accessible):
    journey(page, live_server, assert_accessible)


def test_phone_journey(demo_site, phone, live_server, assert_accessible):
    journey(phone, live_server, assert_accessible)
