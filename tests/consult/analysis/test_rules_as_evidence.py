"""Rules are evidence, not verdicts: the learned model may overrule a codebook
match once a theme has enough labelled answers; exclusions stay hard; thresholds
and themes per answer come from cross-validation inside the labelled answers."""

import pytest

from consult.analysis.learning import OVERRULE_AFTER, ThemeLearner
from consult.analysis.matching import ThemeRule, rule_evidence
from consult.analysis.text import analyse_many
from consult.analysis.tuning import _calibrated, _expected_f1_count, _platt

# "answered" is a bad signal: it matches "did not answer" as well.
RULES = [
    ThemeRule("replied", "They replied", signals=["answer"]),
    ThemeRule("parking", "Parking", signals=["car park"], exclusions=["bike"]),
    ThemeRule("staff", "Staff", signals=["nurse"]),
]
REPLIED = [f"They answered my question number {i} quickly." for i in range(12)]
UNANSWERED = [f"Nobody answered the phone on day {i}, very bad." for i in range(12)]
PARKING = [f"The car park was full again on visit {i}." for i in range(12)]
PARKED = [f"Could not find a space to leave the car, trip {i}." for i in range(12)]
STAFF = [f"The nurse was kind on shift {i}." for i in range(12)]


@pytest.fixture(scope="module")
def learner():
    texts = REPLIED + UNANSWERED + PARKING + PARKED + STAFF
    labels = (
        [{"replied"}] * 12
        + [set()] * 12
        + [{"parking"}] * 12
        + [{"parking"}] * 12
        + [{"staff"}] * 12
    )
    return ThemeLearner(RULES).fit(list(zip(analyse_many(texts), labels, strict=True)))


def themes(learner, text):
    return {m.theme for m in learner.predict(analyse_many([text])[0])}


def test_the_model_overrules_a_rule_its_labels_contradict(learner):
    assert "replied" in learner.learnt_themes
    # The rule alone would tag it: the labelled answers taught otherwise.
    assert themes(ThemeLearner(RULES), "Nobody answered the phone at all.") == {
        "replied"
    }
    assert "replied" not in themes(learner, "Nobody answered the phone at all.")
    assert "replied" in themes(learner, "They answered my question quickly.")


def test_exclusions_stay_hard_even_for_learnt_themes(learner):
    assert "parking" in themes(learner, "The car park was full again.")
    assert "parking" not in themes(learner, "The car park was full, I came by bike.")


def test_a_theme_with_few_labels_keeps_its_rule():
    texts = STAFF[: OVERRULE_AFTER - 1] + UNANSWERED
    labels = [{"staff"}] * (OVERRULE_AFTER - 1) + [set()] * 12
    learner = ThemeLearner(RULES).fit(
        list(zip(analyse_many(texts), labels, strict=True))
    )
    # Too few labels to overrule: a nurse is staff, whatever the model thinks.
    assert "staff" in themes(learner, "The nurse never answered the phone.")


def test_a_rule_the_labels_contradict_is_muted_while_its_theme_is_unlearnt():
    texts = UNANSWERED + STAFF
    labels = [set()] * 12 + [{"staff"}] * 12
    learner = ThemeLearner(RULES).fit(
        list(zip(analyse_many(texts), labels, strict=True))
    )
    assert "replied" not in learner.learnt_themes
    assert learner.muted_rules == {"replied"}
    assert "replied" not in themes(learner, "They answered at last.")


def test_thresholds_and_themes_per_answer_are_tuned_inside_the_labels():
    texts = REPLIED + UNANSWERED + PARKING + PARKED + STAFF
    labels = (
        [{"replied", "staff"}] * 12
        + [set()] * 12
        + [{"parking"}] * 24
        + [{"staff"}] * 12
    )
    learner = ThemeLearner(RULES).fit(
        list(zip(analyse_many(texts), labels, strict=True))
    )
    assert set(learner.thresholds) == {"replied", "parking", "staff"}
    assert all(0 < t < 1 for t in learner.thresholds.values())
    assert learner.max_themes in (None, 2, 3, 4, 5, 8)
    assert not learner.fallback  # a fifth of the labelled answers have no theme


def test_without_labels_the_rules_decide():
    learner = ThemeLearner(RULES).fit([])
    answers = analyse_many(["The car park is full.", "The car park, by bike.", ""])
    assert [{m.theme for m in p} for p in learner.predict_many(answers)] == [
        {"parking"},
        set(),
        set(),
    ]


def test_a_learnt_tag_quotes_the_sentence_about_its_theme(learner):
    [answer] = analyse_many(
        ["The staff were lovely and so kind! Could not find a space for the car."]
    )
    parking = next(m for m in learner.predict(answer) if m.theme == "parking")
    # Not the most charged sentence: the one about parking.
    assert parking.evidence == "Could not find a space for the car."


def test_themes_per_answer_are_calibrated_to_what_people_tag():
    # (sample-F1, distance from people's themes per answer, cap, fallback, calibrate)
    tried = [
        (0.350, 2.4, None, False, False),  # best F1, twice what people tag
        (0.345, 0.3, 3, False, False),  # a hair worse, near people's count
        (0.300, 0.0, 2, False, False),  # exact count, clearly worse
    ]
    assert _calibrated(tried)[2] == 3
    assert _calibrated(tried[:1] + tried[2:])[2] is None


def test_a_loose_rule_does_not_double_the_themes_per_answer():
    texts = REPLIED + UNANSWERED + PARKING + PARKED + STAFF
    labels = [{"replied"}] * 12 + [set()] * 12 + [{"parking"}] * 24 + [{"staff"}] * 12
    examples = list(zip(analyse_many(texts), labels, strict=True))
    learner = ThemeLearner(RULES).fit(examples)
    tagged = learner.predict_many([a for a, _ in examples])
    people = sum(map(len, labels)) / len(labels)
    assert sum(map(len, tagged)) / len(tagged) <= people + 0.25


def test_an_answer_keeps_themes_while_its_expected_sample_f1_rises():
    # One theme per answer (probabilities summing to one): a second is kept
    # when at least half as likely as the first, never a third this unlikely.
    assert _expected_f1_count([0.9, 0.1]) == 1
    assert _expected_f1_count([0.55, 0.3, 0.15]) == 2
    assert _expected_f1_count([0.5, 0.2, 0.2, 0.1]) == 1
    # Several likely themes are all kept; a long tail of unlikely ones is not.
    assert _expected_f1_count([0.9, 0.8, 0.7, 0.05, 0.05, 0.05]) == 3
    assert _expected_f1_count([]) == 0


def test_calibration_puts_an_overstated_theme_back_on_the_common_scale():
    import numpy as np

    # A class-balanced model says 0.6 where the theme is there one time in ten.
    probs = np.array([0.6] * 90 + [0.9] * 10)
    truth = np.array([False] * 81 + [True] * 9 + [True] * 5 + [False] * 5)
    slope, intercept = _platt(probs, truth)
    calibrated = 1 / (1 + np.exp(-(slope * np.log(0.6 / 0.4) + intercept)))
    assert calibrated < 0.3
    assert _platt(probs, np.zeros(100, dtype=bool)) == (1.0, 0.0)


def test_themes_are_ranked_by_calibrated_probability_when_chosen():
    [answer] = analyse_many(["The nurse was kind; the car park was full."])
    probs = {"parking": 0.30, "staff": 0.20}
    learner = ThemeLearner(RULES)
    learner.calibration = {"parking": (1.0, -3.0), "staff": (1.0, 0.0)}
    learner.positives = {"parking": 50, "staff": 50}
    learner.fallback = True
    evidence = rule_evidence(answer, RULES)
    assert [t for t, _ in learner._select(evidence, probs)][0] == "parking"
    learner.calibrate = True
    # Calibrated, parking's 0.30 is worth 0.02: staff comes first, alone.
    assert [t for t, _ in learner._select(evidence, probs)] == ["staff"]


def test_a_single_label_model_adds_a_torn_second_theme_up_to_its_cap():
    [answer] = analyse_many(["Hello."])
    evidence = rule_evidence(answer, RULES)
    learner = ThemeLearner(RULES)
    learner.multiclass = object()  # stands in for a fitted single-label model
    learner.max_themes = 2
    torn = {"parking": 0.45, "staff": 0.40, "replied": 0.15}
    assert [t for t, _ in learner._select(evidence, torn)] == ["parking", "staff"]
    sure = {"parking": 0.8, "staff": 0.15, "replied": 0.05}
    assert [t for t, _ in learner._select(evidence, sure)] == ["parking"]
    learner.max_themes = 1
    assert [t for t, _ in learner._select(evidence, torn)] == ["parking"]
