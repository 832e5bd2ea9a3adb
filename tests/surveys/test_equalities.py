"""Equalities monitoring: optional, stored apart, counted only in large groups."""

import pytest

from surveys.equalities import PREFER_NOT, QUESTIONS, equalities_counts, response_link
from surveys.models import Draft, EqualityMonitoring, Response
from surveys.services import save_equalities, submit_draft, withdraw_response
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_responding import answer_all, url

pytestmark = pytest.mark.django_db


def test_every_question_offers_prefer_not_to_say(client):
    round_, q = survey_round()
    start_response(client, round_)
    html = client.get(url("equalities", round_)).content.decode()
    assert html.count(f'value="{PREFER_NOT}"') == len(QUESTIONS)
    assert "Asian or Asian British: Bangladeshi" in html  # ONS 2021 categories
    assert "only counted in groups of 10 or more" in html


def test_last_section_leads_to_equalities_then_check(client):
    round_, q = survey_round()
    start_response(client, round_)
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Young person"})
    response = client.post(url("section", round_, number=2), {str(q["views"].pk): "Hi"})
    assert response.url == url("equalities", round_)
    skipped = client.post(url("equalities", round_), {"skip": "1", "sex": "Female"})
    assert "Check your answers" in skipped.content.decode()  # shown, not redirected
    assert Draft.objects.get().equalities == {}


def test_invalid_option_is_refused_and_nothing_kept(client):
    round_, q = survey_round()
    start_response(client, round_)
    response = client.post(url("equalities", round_), {"religion": "Jedi"})
    assert "Select one of the options" in response.content.decode()
    assert Draft.objects.get().equalities == {}


def test_answers_move_to_their_own_table_with_no_link_to_the_response(client):
    round_, q = survey_round()
    start_response(client, round_)
    answer_all(client, round_, q)
    client.post(url("equalities", round_), {"age_band": "25 to 34", "sex": PREFER_NOT})
    client.post(url("check", round_))
    response = Response.objects.get()
    monitoring = EqualityMonitoring.objects.get()
    assert (monitoring.age_band, monitoring.sex, monitoring.ethnicity) == (
        "25 to 34",
        PREFER_NOT,
        "",
    )
    assert str(response.pk) not in monitoring.response_link
    assert monitoring.response_link == response_link(response.pk)
    assert Draft.objects.get().equalities == {}  # not left behind in the draft
    assert not [
        f for f in Response._meta.get_fields() if f.related_model is EqualityMonitoring
    ]


def test_withdrawal_deletes_the_monitoring_answers():
    round_, q = survey_round()
    draft = Draft.objects.create(round=round_, answers={str(q["who"].pk): "Other"})
    save_equalities(draft=draft, answers={"disability": "No"})
    response = submit_draft(draft_id=draft.pk)
    assert EqualityMonitoring.objects.count() == 1
    withdraw_response(response=response)
    assert EqualityMonitoring.objects.count() == 0


def test_counts_hide_groups_smaller_than_the_threshold():
    round_, _ = survey_round()
    rows = [("Female", 12), ("Male", 3)]
    n = 0
    for sex, count in rows:
        for _ in range(count):
            n += 1
            EqualityMonitoring.objects.create(
                round=round_, response_link=str(n), sex=sex
            )
    assert equalities_counts(round_, "sex") == {"Female": 12, "Male": None}
    assert equalities_counts(round_, "sex", min_count=3) == {"Female": 12, "Male": 3}
    with pytest.raises(ValueError, match="Unknown equalities question"):
        equalities_counts(round_, "name")
