"""Consent to be contacted again is asked once: the survey's own question, if it
has one, decides it; the check page asks only when the survey does not."""

import pytest
from django.core import mail

from surveys.models import Response
from tests.surveys.factories import K, question, start_response, survey_round
from tests.surveys.test_responding import answer_all, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(client):
    """A survey whose last section asks "May we contact you again?"."""
    round_, q = survey_round()
    q["recontact"] = question(
        round_.survey,
        K.RECONTACT,
        "May we contact you again in the review period?",
        order=3,
    )
    start_response(client, round_)
    return round_, q


def send_with(client, round_, q, recontact, capture, **receipt):
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    client.post(
        url("section", round_, number=2),
        {str(q["views"].pk): "Fine", str(q["recontact"].pk): recontact},
    )
    with capture(execute=True):
        return client.post(url("check", round_), receipt)


def test_yes_to_the_survey_question_is_consent(
    client, asking, django_capture_on_commit_callbacks
):
    round_, q = asking
    send_with(
        client,
        round_,
        q,
        "Yes",
        django_capture_on_commit_callbacks,
        email="parent@example.org",
    )
    response = Response.objects.get()
    assert response.consent_to_recontact  # no second checkbox needed
    assert len(mail.outbox) == 1


def test_no_to_the_survey_question_wins_over_a_posted_checkbox(
    client, asking, django_capture_on_commit_callbacks
):
    round_, q = asking
    send_with(
        client,
        round_,
        q,
        "No",
        django_capture_on_commit_callbacks,
        email="parent@example.org",
        consent="on",
    )
    assert not Response.objects.get().consent_to_recontact


def test_the_check_page_does_not_ask_again_when_the_survey_asked(client, asking):
    round_, q = asking
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    client.post(
        url("section", round_, number=2),
        {str(q["views"].pk): "Fine", str(q["recontact"].pk): "Yes"},
    )
    html = client.get(url("check", round_)).content.decode()
    assert "Check your answers" in html
    assert 'name="consent"' not in html
    assert "You said we may contact you again" in html


def test_without_a_survey_question_the_check_page_asks(client):
    round_, q = survey_round()
    start_response(client, round_)
    answer_all(client, round_, q)
    html = client.get(url("check", round_)).content.decode()
    assert 'name="consent"' in html


def test_changing_the_answer_changes_the_consent(
    client, asking, django_capture_on_commit_callbacks
):
    from surveys import services

    round_, q = asking
    send_with(
        client, round_, q, "Yes", django_capture_on_commit_callbacks, email="p@x.org"
    )
    response = Response.objects.get()
    draft = services.start_change(response=response)
    services.save_draft_answers(draft=draft, answers={str(q["recontact"].pk): "No"})
    services.submit_draft(draft_id=draft.pk)
    response.refresh_from_db()
    assert response.version == 2 and not response.consent_to_recontact
