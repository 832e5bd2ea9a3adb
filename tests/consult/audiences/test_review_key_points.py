"""The review period's "what we heard" says what people said, not the codebook."""

import pytest

from consult.analysis.services import analyse_answers, load_answers
from consult.audiences import review

from .review_helpers import DAY, closed_consultation, open_review

DEFINITION = "how families and professionals get help, referrals, first contact"

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(db):
    consultation, _, answers, codebook = closed_consultation()
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    codebook.themes.filter(key="front-door").update(description=DEFINITION)
    return consultation, codebook


def test_the_summary_quotes_people_not_the_codebook(analysed):
    consultation, codebook = analysed
    themes = review.draft_themes(consultation)
    door = next(d for d in themes if d.theme.key == "front-door")
    assert door.points
    summary = review.summary_from(themes)
    assert door.points[0].sentence in summary
    assert DEFINITION not in summary
    assert "How they felt:" in summary


def test_each_check_page_shows_the_points_the_officer_kept(analysed):
    consultation, _ = analysed
    themes = review.draft_themes(consultation)
    summary = review.summary_from(themes)
    door = next(d for d in themes if d.theme.key == "front-door")
    edited = summary.replace(door.points[0].sentence, "People want one number.")
    round_ = review.open_review_round(
        consultation=consultation,
        opens_at=consultation.main_round.closes_at + DAY,
        closes_at=consultation.main_round.closes_at + 9 * DAY,
        summary=edited,
        themes=themes,
    )
    check = round_.survey.questions.get(section=door.name, label=review.CHECK_LABEL)
    assert "People want one number." in check.hint
    assert DEFINITION not in check.hint


def test_open_review_helper_still_works(analysed):
    consultation, _ = analysed
    round_ = open_review(consultation)
    assert round_.summary.startswith("These are the main things")
