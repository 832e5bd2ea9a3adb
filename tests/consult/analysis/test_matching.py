from consult.analysis.matching import ThemeRule, match_themes
from consult.analysis.text import analyse

RULES = [
    ThemeRule(
        "front-door",
        "Single front door",
        signals=["front door", "single point of contact", "refer*"],
    ),
    ThemeRule(
        "rename",
        "Renaming",
        signals=["rename*", "new name"],
        exclusions=["street name"],
    ),
    ThemeRule("camhs", "CAMHS", signals=["CAMHS", "mental health"]),
]


def themes(text):
    return {m.theme: m for m in match_themes(analyse(text), RULES)}


def test_signals_match_on_lemmas_not_spelling():
    assert "rename" in themes("They renamed the service again.")
    assert "rename" in themes("Renaming it is pointless.")


def test_multi_word_signals_match_in_order_only():
    assert "front-door" in themes("One single point of contact would help.")
    assert "front-door" not in themes("The point is that a single contact helps.")


def test_wildcard_signal_matches_a_stem():
    assert "front-door" in themes("We were referred twice.")


def test_exclusion_rules_a_theme_out():
    assert "rename" not in themes("They gave the road a new name, a new street name.")


def test_score_grows_with_signals_and_evidence_is_the_sentence():
    one = themes("We need CAMHS.")["camhs"]
    two = themes("Hello. CAMHS and mental health support are vital.")["camhs"]
    assert two.score > one.score
    assert two.evidence == "CAMHS and mental health support are vital."


def test_no_signal_no_theme():
    assert themes("The weather was nice.") == {}
