"""Pages of a response stay cheap, and never show a survey older than the database.

Each page reads the survey's questions from a per-process cache keyed on the
survey's ``updated_at`` (``surveys.sections.live_sections``); any change to a
question moves that, so the next page shows it. The query budgets guard the
survey benchmark's gains (README, Benchmarks → Surveys) against regressions.
"""

import pytest
from django.urls import reverse

from surveys.models import Response
from tests.surveys.factories import K, question, start_response, survey_round

pytestmark = pytest.mark.django_db


def url(name, round_, **kw):
    return reverse(f"surveys:{name}", kwargs={"round_id": round_.pk, **kw})


def test_a_changed_question_shows_on_the_next_page(client):
    round_, q = survey_round()
    start_response(client, round_)
    assert (
        "Which best describes you?"
        in client.get(url("section", round_, number=1)).content.decode()
    )

    q["who"].label = "Who are you?"
    q["who"].save()
    html = client.get(url("section", round_, number=1)).content.decode()
    assert "Who are you?" in html and "Which best describes you?" not in html


def test_an_added_or_deleted_question_shows_on_the_next_page(client):
    round_, q = survey_round()
    start_response(client, round_)
    client.get(url("section", round_, number=2))

    question(round_.survey, K.SHORT_TEXT, "Anything else?", order=3)
    q["services"].delete()
    html = client.get(url("section", round_, number=2)).content.decode()
    assert "Anything else?" in html and "Which do you use?" not in html


def test_a_whole_response_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    round_, q = survey_round()
    client.get(url("start", round_))  # warm the question cache, as a live site is
    # Budgets on SQLite. "Start now" links to the first question; looking there
    # writes nothing. An anonymous respondent has no session (the pointer to
    # the draft is a signed cookie): each page is the draft with its round,
    # then its writes.
    with django_assert_max_num_queries(1):
        client.get(url("start", round_))
    with django_assert_max_num_queries(1):
        client.get(url("section", round_, number=1))
    with django_assert_max_num_queries(2):  # the round, the new draft
        client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    with django_assert_max_num_queries(1):
        client.get(url("section", round_, number=2))
    with django_assert_max_num_queries(2):
        client.post(url("section", round_, number=2), {str(q["views"].pk): "Yes"})
    with django_assert_max_num_queries(1):
        client.get(url("check", round_))
    # Sending answers with the confirmation (the consultation's page for its
    # link): 11 queries before, with a session read and write. One records the
    # analysis task in the outbox, in the same transaction; two mark the
    # report's figures stale (an UPDATE, and an INSERT that a present row
    # ignores).
    with django_assert_max_num_queries(11):
        sent = client.post(url("check", round_))
    assert sent.status_code == 200 and "Response sent" in sent.content.decode()
    assert Response.objects.count() == 1
