"""Starting a response: "Start now" is a link to the first question.

Looking at the start page or the first question writes nothing (no draft, no
session); the draft is made when the first page is sent, and every guarantee
of the old start form holds: admission, staff-only rounds, closed rounds, one
response per invitation, nothing typed lost.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.models import Consultation, Draft, Response
from tests.cms.factories import add_consultation_page
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def url(name, round_, **kw):
    return reverse(f"surveys:{name}", kwargs={"round_id": round_.pk, **kw})


def first(round_):
    return url("section", round_, number=1)


def start_link(round_, label):
    return (
        f'<a href="{first(round_)}" role="button" draggable="false" '
        f'class="govuk-button govuk-button--start" data-module="govuk-button">{label}'
    )


def admit(client, round_, key="inv:1"):
    session = client.session
    session["admissions"] = {str(round_.pk): {"key": key, "label": ""}}
    session.save()


def test_the_start_page_links_to_the_first_question_and_keeps_nothing(client):
    round_, _ = survey_round()
    page = client.get(url("start", round_))
    assert page.status_code == 200
    assert start_link(round_, "Start now") in page.content.decode()
    assert "sessionid" not in page.cookies
    assert not Draft.objects.exists() and not Session.objects.exists()


def test_looking_at_the_first_question_keeps_nothing(client):
    round_, q = survey_round()
    page = client.get(first(round_))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Section 1 of 2" in html and q["who"].label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "sessionid" not in page.cookies
    assert not Draft.objects.exists() and not Session.objects.exists()


def test_sending_the_first_page_makes_exactly_one_draft(client):
    round_, q = survey_round()
    sent = client.post(first(round_), {str(q["who"].pk): "Parent or carer"})
    assert sent.status_code == 302 and sent.url == url("section", round_, number=2)
    draft = Draft.objects.get()
    assert draft.answers == {str(q["who"].pk): "Parent or carer"}
    assert draft.admitted_by == "" and draft.respondent is None
    # This browser's pointer to its draft is a signed cookie: still no session.
    assert "sessionid" not in sent.cookies and not Session.objects.exists()
    assert sent.cookies["sb_drafts"]["httponly"] and sent.cookies["sb_drafts"]["path"]

    client.post(first(round_), {str(q["who"].pk): "Other"})
    client.get(url("section", round_, number=2))
    assert Draft.objects.get().answers == {str(q["who"].pk): "Other"}
    page = client.get(url("start", round_)).content.decode()
    assert start_link(round_, "Continue your response") in page


def test_an_invalid_first_page_keeps_what_was_typed(client):
    round_, q = survey_round()
    refused = client.post(first(round_), {str(q["who"].pk): "Not a choice"})
    assert "There is a problem" in refused.content.decode()
    assert Draft.objects.get().answers == {str(q["who"].pk): "Not a choice"}


def test_save_and_come_back_later_from_the_first_page(client):
    round_, q = survey_round()
    saved = client.post(first(round_), {str(q["who"].pk): "Other", "save": "1"})
    assert saved.url == url("save", round_)
    link = client.get(saved.url).content.decode()
    assert "/respond/resume/" in link
    assert Draft.objects.get().answers == {str(q["who"].pk): "Other"}


def test_later_pages_without_a_draft_go_to_the_start(client):
    round_, _ = survey_round()
    assert client.get(url("section", round_, number=2)).url == url("start", round_)
    assert not Draft.objects.exists()


def test_a_signed_in_respondent_owns_the_draft(client):
    user = User.objects.create_user("r@example.org", "x" * 16)
    client.force_login(user)
    round_, q = survey_round()
    client.post(first(round_), {str(q["who"].pk): "Other"})
    assert Draft.objects.get().respondent == user


def test_a_targeted_round_needs_admission_before_the_first_question(client):
    round_, q = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    refused = client.post(first(round_), {str(q["who"].pk): "Other"})
    assert refused.status_code == 403 and not Draft.objects.exists()

    admit(client, round_)
    assert client.get(first(round_)).status_code == 200
    client.post(first(round_), {str(q["who"].pk): "Other"})
    assert Draft.objects.get().admitted_by == "inv:1"


def test_a_staff_round_sends_anonymous_people_to_sign_in(client):
    round_, q = survey_round(consultation__audience=Consultation.Audience.STAFF)
    page = client.get(first(round_))
    assert page.status_code == 302 and "/accounts/login/" in page.url
    client.post(first(round_), {str(q["who"].pk): "Other"})
    assert not Draft.objects.exists()

    staff = User.objects.create_user("s@example.org", "x" * 16)
    staff.groups.add(Group.objects.get(name=Role.STAFF))
    client.force_login(staff)
    assert client.get(first(round_)).status_code == 200


def test_a_closed_round_refuses_the_first_question(client):
    round_, q = survey_round(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    assert client.get(first(round_)).status_code == 410
    client.post(first(round_), {str(q["who"].pk): "Other"})
    assert not Draft.objects.exists()


def answer_and_send(client, round_, q, *, fresh=False, views="Mine"):
    answers = {str(q["who"].pk): "Parent or carer", **({"fresh": "1"} if fresh else {})}
    client.post(first(round_), answers)
    client.post(url("section", round_, number=2), {str(q["views"].pk): views})
    return client.post(url("check", round_))


def test_after_sending_on_an_invitation_the_first_question_shows_the_response(
    client,
):
    round_, q = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    admit(client, round_)
    answer_and_send(client, round_, q)
    reference = Response.objects.get().reference
    for again in (client.get(first(round_)), client.post(first(round_), {})):
        assert again.status_code == 302 and again.url.endswith(f"/{reference}/")
    assert Draft.objects.count() == 1


def test_after_sending_the_first_question_starts_a_new_response(client):
    """Someone else on the same phone must not see, or change, a sent response."""
    round_, q = survey_round()
    fresh = '<input type="hidden" name="fresh" value="1">'
    assert fresh in client.get(first(round_)).content.decode()
    answer_and_send(client, round_, q, fresh=True)
    html = client.get(first(round_)).content.decode()
    assert "checked" not in html and "Section 1 of 2" in html and fresh in html
    answer_and_send(client, round_, q, fresh=True)
    assert Response.objects.count() == Draft.objects.count() == 2


def test_a_page_from_before_sending_posted_again_sends_nothing_new(client):
    """The back button after sending: the same response, not a second one."""
    round_, q = survey_round()
    first_sent = answer_and_send(client, round_, q, fresh=True).content.decode()
    again = answer_and_send(client, round_, q, views="Changed my mind")
    reference = Response.objects.get().reference
    assert reference in first_sent and reference in again.content.decode()
    assert Draft.objects.count() == 1


def test_the_old_start_form_still_leads_to_the_first_question(client):
    round_, _ = survey_round()
    posted = client.post(url("start", round_))
    assert posted.status_code == 302 and posted.url == first(round_)
    assert not Draft.objects.exists()


def test_the_consultation_page_links_start_straight_to_the_first_question(
    client, site_root
):
    page = add_consultation_page(site_root)
    round_ = page.consultation.rounds.get()
    html = client.get(page.url).content.decode()
    assert start_link(round_, "Respond to this consultation") in html
    assert f'href="{url("start", round_)}"' not in html


def test_staff_can_start_an_assisted_response_from_the_consultation_page(
    client, site_root
):
    page = add_consultation_page(site_root)
    round_ = page.consultation.rounds.get()
    assist = reverse("surveys:assist_start", kwargs={"round_id": round_.pk})
    assert assist not in client.get(page.url).content.decode()
    staff = User.objects.create_user(email="staff@example.org", password="x")
    staff.groups.add(Group.objects.get_or_create(name=Role.STAFF)[0])
    client.force_login(staff)
    html = client.get(page.url).content.decode()
    assert f'href="{assist}">Start an assisted response</a>' in html


def test_the_last_page_answers_with_check_your_answers(client):
    round_, q = survey_round()
    round_.survey.include_equalities = False
    round_.survey.save()
    client.post(first(round_), {str(q["who"].pk): "Parent or carer", "fresh": "1"})
    shown = client.post(url("section", round_, number=2), {str(q["views"].pk): "Mine"})
    html = shown.content.decode()
    assert shown.status_code == 200 and "Check your answers" in html
    assert "Mine" in html and "Parent or carer" in html
    # Its form sends to the check page, whatever address it was shown at.
    assert f'<form method="post" action="{url("check", round_)}"' in html
    # Posted again (a reload): the same answers, the same page, nothing sent.
    again = client.post(url("section", round_, number=2), {str(q["views"].pk): "Mine"})
    assert "Check your answers" in again.content.decode()
    assert not Response.objects.exists()


def test_a_change_from_check_your_answers_comes_back_to_it(client):
    round_, q = survey_round()
    client.post(first(round_), {str(q["who"].pk): "Parent or carer", "fresh": "1"})
    changed = client.post(
        first(round_), {str(q["who"].pk): "Young person", "return": "check"}
    )
    html = changed.content.decode()
    assert "Check your answers" in html and "Young person" in html


def test_an_invalid_last_page_shows_its_errors_not_the_check_page(client):
    round_, q = survey_round()
    client.post(first(round_), {str(q["who"].pk): "Parent or carer", "fresh": "1"})
    too_long = {str(q["views"].pk): "x" * 51}
    refused = client.post(url("section", round_, number=2), too_long)
    html = refused.content.decode()
    assert "There is a problem" in html and "Check your answers" not in html
    assert Draft.objects.get().answers[str(q["views"].pk)] == "x" * 51
