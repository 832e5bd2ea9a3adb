"""Learn where it counts: "check these next" offers the undecided answers the
learner is least sure of."""

import pytest
from django.urls import reverse

from consult.analysis.active import check_next, doubt, least_sure
from consult.analysis.learning import ThemeLearner
from consult.analysis.matching import ThemeRule
from consult.analysis.text import analyse_many

from .test_learning_from_decisions import decided  # noqa: F401

pytestmark = pytest.mark.django_db
RULES = [ThemeRule("parking", "Parking", signals=["car park"])]
PARKING = [f"The car park was full on visit {i}." for i in range(8)]
OTHER = [f"The staff were kind on day {i}." for i in range(8)]


def test_the_least_sure_answers_come_first():
    learner = ThemeLearner(RULES).fit(
        list(
            zip(
                analyse_many(PARKING + OTHER),
                [{"parking"}] * 8 + [set()] * 8,
                strict=True,
            )
        )
    )
    answers = analyse_many(
        ["The car park was full again.", "Kind staff today.", "Parking, staff: both."]
    )
    probs = learner.probabilities_many(answers)
    doubts = [doubt(learner, p) for p in probs]
    assert all(0 <= d <= 1 for d in doubts)
    assert least_sure(learner, answers, limit=1) == [doubts.index(max(doubts))]
    assert least_sure(ThemeLearner(RULES), answers) == []  # nothing learnt yet


def test_the_review_page_offers_undecided_answers_to_check_next(
    decided,  # noqa: F811
    client,
    officer,
):
    consultation, codebook = decided
    round_ = consultation.rounds.get()
    from consult.analysis.services import analyse_answers, load_answers
    from tests.consult.analysis.factories import add_answers

    new = add_answers(
        round_,
        round_.survey.questions.get(),
        ["Visitors cannot find a space near the office.", "Lovely youth club."],
    )
    analyse_answers(answers=load_answers(a.pk for a in new), codebook=codebook)
    found = check_next(codebook=codebook, limit=5)
    assert {c.answer_id for c in found} <= {a.pk for a in new}
    assert found and found[0].theme_key == "parking"
    client.force_login(officer)
    url = reverse("analysis_consultation", kwargs={"consultation_id": consultation.pk})
    page = client.get(url).content.decode()
    assert "Check these next" in page and found[0].text[:20] in page
