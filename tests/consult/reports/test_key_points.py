"""The report's key points are the analysis's, in people's words; a filtered
view or a suppressed theme never shows the whole consultation's words."""

import datetime

import pytest

from consult.analysis.services import analyse_answers, load_answers
from consult.reports.key_points import key_points_for
from tests.consult.analysis.conftest import answered  # noqa: F401 -- fixture
from tests.consult.analysis.factories import add_answers
from tests.consult.analysis.test_key_points import SAME, TEXTS

pytestmark = pytest.mark.django_db


class State:
    built_at = datetime.datetime(2026, 12, 1, 12, 0)


@pytest.fixture
def tagged(answered):  # noqa: F811
    consultation, codebook, _ = answered
    round_ = consultation.rounds.get()
    answers = add_answers(round_, round_.survey.questions.get(), TEXTS)
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    return consultation


def test_whole_consultation_shows_the_analysis_key_points(tagged):
    quotes = ["Short quote from the slice."]
    points = key_points_for(
        consultation=tagged, theme_key="one-site", quotes=quotes, state=State()
    )
    assert points and quotes[0] not in points
    assert all(any(p in text for text in TEXTS) for p in points)
    assert points.count(SAME) <= 1


def test_filtered_or_suppressed_views_keep_to_their_slice(tagged):
    quotes = ["A much longer quote that somebody in this slice wrote.", "Short."]
    filtered = key_points_for(
        consultation=tagged, theme_key="one-site", quotes=quotes, state=None
    )
    assert filtered == ["Short.", quotes[0]]
    assert (
        key_points_for(
            consultation=tagged, theme_key="one-site", quotes=[], state=State()
        )
        == []
    )
