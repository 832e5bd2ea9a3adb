"""How groups' views differ: tests and adjustment match scipy's, sentences in
plain English, and nothing is tested for a group under the threshold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, false_discovery_control, fisher_exact

from consult.reports.equalities.differences import group_differences
from consult.reports.equalities.statistics import (
    CHI_SQUARED,
    FISHER,
    benjamini_hochberg,
    compare_2x2,
)
from surveys.models import Question
from tests.cms.factories import RoundFactory
from tests.surveys.factories import SurveyFactory, question

from .factories import respond_many

pytestmark = pytest.mark.django_db

FIXED = [
    ([[31, 15], [15, 83]], CHI_SQUARED),
    ([[12, 30], [40, 45]], CHI_SQUARED),
    ([[1, 6], [20, 15]], FISHER),
    ([[0, 10], [12, 6]], FISHER),
]


@pytest.mark.parametrize(("table", "test"), FIXED)
def test_significance_matches_scipy_on_fixed_tables(table, test):
    result = compare_2x2(table)
    assert result.test == test
    expected = (
        fisher_exact(table).pvalue
        if test == FISHER
        else chi2_contingency(table, correction=True).pvalue
    )
    assert result.p_value == pytest.approx(expected, rel=1e-12)


def test_the_fixed_chi_squared_figure():
    # By hand: N = 144, |ad - bc| - N/2 = 2276, Yates's chi-squared
    # 144 * 2276^2 / (46 * 98 * 46 * 98) = 36.71 on 1 d.f., p = 1.37e-9.
    assert compare_2x2([[31, 15], [15, 83]]).p_value == pytest.approx(1.37e-9, rel=0.01)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=60))
def test_benjamini_hochberg_matches_scipy(p_values):
    ours = benjamini_hochberg(p_values)
    assert ours == pytest.approx(list(false_discovery_control(p_values)), abs=1e-12)


def test_benjamini_hochberg_on_a_fixed_list():
    p = [0.01, 0.04, 0.03, 0.005, 0.5]
    assert benjamini_hochberg(p) == pytest.approx([0.025, 0.05, 0.05, 0.025, 0.5])


def _views_round():
    survey = SurveyFactory()
    door = question(
        survey, Question.Kind.AGREE_SCALE, "One number for all requests is a good idea"
    )
    return RoundFactory(survey=survey), door


def test_disabled_respondents_disagree_more_often_in_plain_english():
    round_, door = _views_round()
    for n, disability, answer in [
        (31, "Yes", "Disagree"),
        (15, "Yes", "Agree"),
        (15, "No", "Strongly disagree"),
        (83, "No", "Strongly agree"),
    ]:
        respond_many(
            round_, n, monitoring={"disability": disability}, answers={door: answer}
        )
    found = group_differences(round_.consultation)
    sentences = [c.sentence() for c in found.significant]
    assert (
        "Disabled respondents disagreed with “One number for all requests is a good "
        "idea” more often than others (67.4% against 15.3%)."
    ) in sentences
    # Two groups: the second's comparison would only mirror the first's.
    assert not [c for c in found.comparisons if c.category == "No"]
    disagree = next(c for c in found.comparisons if c.outcome == "Disagree")
    assert disagree.p_value == pytest.approx(
        chi2_contingency([[31, 15], [15, 83]]).pvalue
    )


def test_a_group_under_the_threshold_gets_no_test():
    round_, door = _views_round()
    respond_many(round_, 6, monitoring={"sex": "Female"}, answers={door: "Disagree"})
    respond_many(round_, 30, monitoring={"sex": "Male"}, answers={door: "Agree"})
    respond_many(round_, 30, monitoring={"sex": "Male"}, answers={door: "Disagree"})
    found = group_differences(round_.consultation)
    assert not [c for c in found.comparisons if c.field == "sex"]
    assert found.not_tested > 0


def test_a_hidden_answer_count_gets_no_comparison_and_nothing_gives_it_away():
    round_, door = _views_round()
    # Disabled: 4 agree (hidden), 40 disagree; 50 others agree, 50 disagree.
    respond_many(round_, 4, monitoring={"disability": "Yes"}, answers={door: "Agree"})
    respond_many(
        round_, 40, monitoring={"disability": "Yes"}, answers={door: "Disagree"}
    )
    respond_many(round_, 50, monitoring={"disability": "No"}, answers={door: "Agree"})
    respond_many(
        round_, 50, monitoring={"disability": "No"}, answers={door: "Disagree"}
    )
    found = group_differences(round_.consultation)
    # With "Agree" hidden for disabled people, "Disagree" would give it back
    # (44 - 40), so their row is hidden and no comparison is made.
    assert found.comparisons == []
