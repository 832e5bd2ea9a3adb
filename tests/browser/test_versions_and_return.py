"""A family answers a right-to-left version from the consultation page; someone
without their receipt asks for a new link; a service manager corrects a bounced
address. Every page is axe-checked."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.models import User
from consult.accounts.roles import Role
from consult.audiences.models import Invitation
from consult.audiences.sms import MemoryBackend
from surveys.models import QuestionWording, Response, SurveyVersion
from tests.cms.factories import add_consultation_page
from tests.consult.audiences.factories import NominationFactory, targeted_round
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_right_to_left_version_and_a_new_link(
    page, live_server, site_root, assert_accessible
):
    round_, q = survey_round()
    round_.survey.include_equalities = False
    round_.survey.save()
    arabic = SurveyVersion.objects.create(
        survey=round_.survey,
        variant="ar",
        name="العربية",
        title="أخبرنا برأيك",
        note="Demo translation",
    )
    QuestionWording.objects.create(
        version=arabic,
        question=q["who"],
        label="أي مما يلي يصفك بشكل أفضل؟",
        options="والد أو مقدم رعاية\nشاب\nموظف\nنقابة\nمنظمة شريكة\nأخرى",
    )
    consultation_page = add_consultation_page(
        site_root, title="Youth clubs", consultation=round_.consultation
    )
    page.goto(live_server.url + consultation_page.url)
    assert_accessible(page, "consultation page with versions")
    page.get_by_role("link", name="العربية").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("أخبرنا برأيك")
    assert_accessible(page, "start page, Arabic")
    page.get_by_role("button", name="Start now").click()
    expect(page.locator('[dir="rtl"]')).to_be_visible()
    assert_accessible(page, "first section, Arabic")
    page.get_by_label("شاب").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("E-mail address (optional)").fill("yp@example.org")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    response = Response.objects.get()
    assert response.variant == "ar"

    page.context.clear_cookies()
    page.goto(live_server.url + "/respond/response/find/")
    assert_accessible(page, "find your response")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your reference number")
    assert_accessible(page, "find your response, with errors")
    page.locator("#id_reference").fill(response.reference)
    page.locator("#id_email").fill("yp@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("If the reference number matches")).to_be_visible()
    assert_accessible(page, "find your response, sent")


def test_a_manager_corrects_a_bounced_address(page, live_server, assert_accessible):
    round_, _ = targeted_round()
    nomination = NominationFactory(
        consultation=round_.consultation, email="", mobile="+447700900004"
    )
    round_.consultation.services.add(nomination.service)
    MemoryBackend.refused = {"+447700900004"}
    try:
        from consult.audiences import tasks

        tasks.send_round_invitations.delay(str(round_.pk))
    finally:
        MemoryBackend.refused = set()
    manager = User.objects.create_user("manager@example.org", "x" * 16)
    manager.groups.add(Group.objects.get(name=Role.SERVICE_MANAGER))
    nomination.service.managers.add(manager)
    sign_in(page, live_server, manager)
    page.goto(live_server.url + f"/audiences/{round_.consultation_id}/")
    assert_accessible(page, "nominations with a bounce")
    page.get_by_role("link", name="Correct the contact details and send again").click()
    assert_accessible(page, "correct contact details")
    page.get_by_label("E-mail address").fill("right@example.org")
    page.get_by_role("button", name="Save and send again").click()
    expect(page.get_by_text("are corrected and sent again")).to_be_visible()
    assert Invitation.objects.get().failed_at is None
