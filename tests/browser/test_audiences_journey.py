"""A service manager uploads nominees and reads the report; a nominee responds.

Every page is checked with axe-core; the nominee uses a phone-sized browser.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from consult.audiences.models import Invitation, Nomination
from surveys.models import Response, Round
from tests.consult.audiences.factories import (
    NominationFactory,
    ServiceFactory,
    manager_of,
    targeted_round,
)

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "name,email,mobile,relationship,preferred_language,access_needs,consent\n"
    "Alex Parent,alex@example.org,,Parent or carer,English,,yes\n"
    "Bea Broken,bea-at-example.org,,Parent or carer,,,yes\n"
    "Sam Young,,07700 900123,Young person,,Easy read,yes\n"
)


def _sign_in(page, live_server, user):
    """Sign the browser in as ``user`` (the sign-in pages are tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def test_a_manager_uploads_nominees_with_a_bad_row_and_reads_the_report(
    page, live_server, assert_accessible
):
    round_, _ = targeted_round(consultation__title="Your experience of TAF")
    service = ServiceFactory(name="Children's Centres")
    round_.consultation.services.set([service])
    manager = manager_of(service)
    NominationFactory(consultation=round_.consultation, service=service, name="Ola Old")
    _sign_in(page, live_server, manager)

    page.goto(live_server.url + "/audiences/")
    assert_accessible(page, "nominations index")
    page.get_by_role("link", name="Your experience of TAF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your experience of TAF")
    assert_accessible(page, "nominations list")

    page.get_by_role("button", name="Upload a CSV of nominees").click()
    assert_accessible(page, "upload form")
    page.get_by_role("button", name="Upload and check").click()  # no file chosen
    expect(
        page.get_by_role("alert").get_by_text("Select a CSV file to upload")
    ).to_be_visible()
    assert_accessible(page, "upload form with an error")
    page.get_by_label("CSV file of nominees").set_input_files(
        {"name": "nominees.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("No nominees were added")
    expect(
        page.get_by_role("alert").get_by_text(
            "Row 3: Enter an e-mail address in the correct format"
        )
    ).to_be_visible()
    refused = page.get_by_role("table", name="Refused rows")
    expect(refused.get_by_role("row", name=re.compile("^3 Bea Broken"))).to_be_visible()
    accepted = page.get_by_role("table", name="Rows that can be accepted")
    expect(accepted.get_by_text("Alex Parent")).to_be_visible()
    expect(accepted.get_by_text("Sam Young")).to_be_visible()
    assert_accessible(page, "upload report")
    assert list(Nomination.objects.values_list("name", flat=True)) == ["Ola Old"]

    # Fixed and uploaded again: all three rows go in.
    page.get_by_role("link", name="Upload the file again").click()
    page.get_by_label("CSV file of nominees").set_input_files(
        {
            "name": "nominees.csv",
            "mimeType": "text/csv",
            "buffer": CSV.replace("bea-at-example.org", "bea@example.org").encode(),
        }
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="3 nominees added")).to_be_visible()
    assert_accessible(page, "upload done")
    page.get_by_role("link", name="See the nominations").click()
    expect(page.get_by_role("cell", name="Bea Broken Parent or carer")).to_be_visible()
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3  # the new ones

    # One more, by the form, fixing a mistake on the way.
    page.get_by_role("button", name="Add a nominee").click()
    assert_accessible(page, "add a nominee")
    page.get_by_label("Full name").fill("Kim Carer")
    page.get_by_label("Mobile phone number").fill("0770090")
    page.get_by_label("Parent or carer").check()
    page.get_by_role("button", name="Add nominee").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_text("Enter a mobile phone number")).to_be_visible()
    expect(summary.get_by_text("we cannot invite anyone")).to_be_visible()
    assert_accessible(page, "add a nominee with errors")
    page.get_by_label("Mobile phone number").fill("07700 900 555")
    page.get_by_label("The nominee agreed to be contacted").check()
    page.get_by_role("button", name="Add nominee").click()
    expect(page.get_by_text("Kim Carer is nominated")).to_be_visible()

    # Kim asks to be forgotten.
    page.get_by_role("link", name="Delete contact details of Kim Carer").click()
    assert_accessible(page, "delete contact details")
    page.get_by_role("button", name="Delete contact details").click()
    expect(
        page.get_by_text("The nominee's contact details are deleted")
    ).to_be_visible()
    assert Nomination.objects.get(contact_erased_at__isnull=False).mobile == ""

    # Once the consultation closes, nobody more can be nominated.
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    page.goto(f"{live_server.url}/audiences/{round_.consultation.pk}/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nominations have closed")
    assert_accessible(page, "nominations closed")


def test_a_nominee_opens_their_link_on_a_phone_and_responds(
    phone, live_server, assert_accessible
):
    page = phone
    round_, _ = targeted_round(consultation__title="Your experience of TAF")
    service = ServiceFactory(name="Children's Centres")
    round_.consultation.services.set([service])
    manager = manager_of(service)
    client = Client()
    client.force_login(manager)
    client.post(
        f"/audiences/{round_.consultation.pk}/add/",
        {
            "service": str(service.pk),
            "name": "Alex Parent",
            "email": "alex@example.org",
            "relationship": "parent_carer",
            "consent_to_contact": "on",
        },
    )
    link = re.search(r"http\S+/audiences/invitation/\S+/", mail.outbox[-1].body)
    path = link.group(0).split("/audiences/", 1)[1]

    page.goto(f"{live_server.url}/audiences/{path}")
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    assert_accessible(page, "start page from the invitation")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Parent or carer").check()
    assert_accessible(page, "section 1")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What do you think?").fill("Keep the Oak Street centre.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Skip this page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    assert_accessible(page, "check your answers")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    assert_accessible(page, "confirmation")

    invitation = Invitation.objects.get()
    assert invitation.responded_at is not None
    assert Response.objects.get().admitted_by == str(invitation.pk)

    # The link has done its job: it no longer admits anyone.
    page.goto(f"{live_server.url}/audiences/{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This link cannot be used"
    )
    assert_accessible(page, "used link")
    assert Response.objects.count() == 1
