"""An age-appropriate monitoring form: under-16s are not asked about gender
identity or sexual orientation, and the whole page can be skipped."""

import pytest

from surveys.equalities import SIXTEEN_OR_OVER, EqualitiesForm
from surveys.models import Draft, EqualityMonitoring
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_responding import answer_all, url

pytestmark = pytest.mark.django_db


def test_the_form_leaves_the_questions_out_for_under_16s():
    assert set(SIXTEEN_OR_OVER) <= set(EqualitiesForm().fields)
    under_16 = EqualitiesForm({"age_band": "Under 16"})
    assert not set(SIXTEEN_OR_OVER) & set(under_16.fields)
    already = EqualitiesForm(initial={"age_band": "Under 16"})
    assert not set(SIXTEEN_OR_OVER) & set(already.fields)
    assert set(SIXTEEN_OR_OVER) <= set(EqualitiesForm({"age_band": "16 to 24"}).fields)


def test_an_under_16s_answers_to_those_questions_are_never_kept(client):
    round_, q = survey_round()
    start_response(client, round_)
    answer_all(client, round_, q)
    client.post(
        url("equalities", round_),
        {
            "age_band": "Under 16",
            "sexual_orientation": "Bisexual",
            "gender_identity": "No",
            "disability": "Yes",
        },
    )
    assert Draft.objects.get().equalities == {
        "age_band": "Under 16",
        "disability": "Yes",
    }
    # Coming back to the page: not asked again.
    page = client.get(url("equalities", round_)).content.decode()
    assert "sexual orientation" not in page
    assert "gender you identify with" not in page
    client.post(url("check", round_))
    monitoring = EqualityMonitoring.objects.get()
    assert (monitoring.sexual_orientation, monitoring.gender_identity) == ("", "")


def test_the_questions_say_they_are_for_16_or_over_and_the_page_can_be_skipped(
    client,
):
    round_, q = survey_round()
    start_response(client, round_)
    page = client.get(url("equalities", round_)).content.decode()
    assert page.count("data-sixteen-or-over") == 2
    assert "Only if you are 16 or over" in page
    assert "Skip this page" in page
    assert "js/equalities.mjs" in page
    skipped = client.post(
        url("equalities", round_), {"skip": "1", "sexual_orientation": "Bisexual"}
    )
    assert "Check your answers" in skipped.content.decode()
    assert Draft.objects.get().equalities == {}
