"""An invited respondent checks "did we hear you right?" on a phone; an officer
compares the rounds. Every page axe-checked."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from consult.accounts.roles import Role
from consult.audiences.models import Invitation
from surveys.models import Response
from tests.cms.factories import add_consultation_page, make_site_tree
from tests.consult.analysis.factories import person
from tests.consult.audiences.helpers import LINK
from tests.consult.audiences.review_helpers import (
    closed_consultation,
    consent,
    open_review,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def review_period(db):
    cache.clear()  # other tests' bad links count against this address
    consultation, main, answers, _ = closed_consultation()
    page = add_consultation_page(
        make_site_tree(), title="Our front door pilot", consultation=consultation
    )
    consent(answers[0].response, "parent@example.org")
    round_ = open_review(consultation)  # open now: the invitation goes at once
    # The e-mail just sent (other tests may leave text messages behind).
    return page, round_, LINK.findall(mail.outbox[-1].body)[-1]


def test_invited_respondent_reviews_on_a_phone(
    review_period, phone, live_server, assert_accessible
):
    consultation_page, round_, token = review_period
    page = phone
    page.goto(live_server.url + consultation_page.url)
    expect(page.get_by_role("heading", name="What we heard")).to_be_visible()
    expect(page.get_by_text("Only people we have invited")).to_be_visible()
    expect(
        page.get_by_role("button", name="Respond to this consultation")
    ).to_have_count(0)
    assert_accessible(page, "consultation page in its review period")

    page.goto(f"{live_server.url}/audiences/invitation/{token}/")
    expect(page.get_by_role("heading", name="What we heard")).to_be_visible()
    expect(page.get_by_text("1. Single front door (2 answers)")).to_be_visible()
    assert_accessible(page, "review start page")
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_text("Section 1 of 4")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Single front door", level=1)
    ).to_be_visible()
    page.get_by_label("Yes, you heard this right").check()
    assert_accessible(page, "did we hear this right")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Section 2 of 4")).to_be_visible()
    page.get_by_label("No, this is not what people like me said").check()
    page.get_by_label("What did we get wrong or miss?").fill(
        "It was the wait for an assessment, not CAMHS itself."
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Section 3 of 4")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Section 4 of 4")).to_be_visible()
    page.get_by_label("Single front door").select_option("1")
    page.get_by_label("CAMHS").select_option("1")
    page.get_by_label("Relocation to one site").select_option("2")
    page.get_by_role("button", name="Continue").click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_text("you chose 1 more than once")).to_be_visible()
    assert_accessible(page, "ranking with an error")
    alert.get_by_role("link").click()
    page.get_by_label("Single front door").select_option("2")
    page.get_by_label("CAMHS").select_option("1")
    page.get_by_label("Relocation to one site").select_option("3")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    expect(
        page.get_by_text("1. CAMHS, 2. Single front door, 3. Relocation")
    ).to_be_visible()
    assert_accessible(page, "check your answers")
    page.get_by_role("button", name="Send response").click()
    expect(page.locator(".govuk-panel")).to_be_visible()

    response = Response.objects.get(round=round_)
    ranking = response.answers.get(question__kind="ranking")
    assert ranking.value == ["CAMHS", "Single front door", "Relocation to one site"]
    assert Invitation.objects.get(round=round_).responded_at is not None


def test_officer_compares_the_rounds(
    review_period, page, live_server, assert_accessible
):
    consultation_page, round_, _ = review_period
    officer = person("officer@example.org", Role.OFFICER)
    client = Client()
    client.force_login(officer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    consultation = consultation_page.consultation
    page.goto(f"{live_server.url}/reports/{consultation.pk}/compare/")
    expect(
        page.get_by_role("heading", name="Did we hear people right?")
    ).to_be_visible()
    expect(page.get_by_role("table").nth(1)).to_contain_text("Single front door")
    assert_accessible(page, "compare rounds report")
