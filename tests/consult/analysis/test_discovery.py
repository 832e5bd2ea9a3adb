"""Theme discovery: what the codebook misses, grouped, with counts and quotes."""

import pytest

from consult.analysis.discovery import discover_themes
from consult.analysis.matching import ThemeRule
from consult.analysis.text import analyse_many

CODEBOOK = [
    ThemeRule("staffing", "Staffing", signals=["staff", "staffing"]),
    ThemeRule("budget", "Budget", signals=["budget", "cost*"]),
]
ANSWERS = {
    "p1": "The staff are lovely. Parking is the problem, and the bus route too.",
    "p2": "There is no parking near the new hub, and the bus route stops a mile away.",
    "p3": "The parking is awful and the bus route is no use to us.",
    "p4": "The car park is always full by nine.",
    "p5": "The car park closes before the evening sessions end.",
    "p6": "We need more parking spaces for disabled visitors.",
    "p7": "Call me on 07700 900123 about the car park.",
    "p8": "More parking spaces, please.",
    "w1": "The support workers never call back.",
    "w2": "Employees of the council should visit homes.",
    "w3": "Our family worker left last month.",
    "w4": "A worker from the council came once.",
    "w5": "Support workers there are great.",
    "w6": "No employee ever answered the phone.",
    "w7": "The worker said no.",
    "s1": "The staff were kind.",
    "s2": "Staffing levels are too low.",
    "s3": "More staff are needed in the evenings.",
    "s4": "Staff shortages mean long waits.",
    "b1": "The budget is too small.",
    "b2": "Cuts to the budget will hurt families.",
    "b3": "It costs too much to run two sites.",
    "n1": "Thank you.",
    "n2": "It was a lovely thing.",
    "n3": "Nothing to add, thing is fine, one thing only.",
}


@pytest.fixture(scope="module")
def analysed():
    return analyse_many(ANSWERS.values())


@pytest.fixture(scope="module")
def candidates(analysed):
    return discover_themes(analysed, CODEBOOK, ids=list(ANSWERS), min_answers=2)


def phrases(candidate):
    return {p.text for p in candidate.phrases}


def containing(candidates, phrase):
    found = [c for c in candidates if phrase in phrases(c)]
    assert len(found) == 1, (phrase, [phrases(c) for c in candidates])
    return found[0]


def test_parking_car_parks_and_bus_routes_form_one_candidate(candidates):
    parking = containing(candidates, "parking")
    assert {"parking", "car park", "bus route", "parking space"} <= phrases(parking)
    assert parking is candidates[0]  # the most answers
    # Named by the commonest phrase of its largest family of words.
    assert parking.label == "car park"
    assert parking.answer_count == 8
    assert parking.answers == ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]
    counts = {p.text: p.answers for p in parking.phrases}
    assert counts["car park"] == 3
    assert counts["bus route"] == 3


def test_workers_and_employees_group_through_wordnet(candidates):
    workers = containing(candidates, "worker")
    # "family worker" is used once: too rare to show, though it is a worker.
    assert phrases(workers) == {"worker", "employee", "support worker"}
    assert workers.answer_count == 6
    assert workers.answers == ["w1", "w2", "w4", "w5", "w6", "w7"]
    assert workers is not containing(candidates, "parking")


def test_what_the_codebook_covers_is_no_candidate(candidates):
    everything = {p for c in candidates for p in phrases(c)}
    assert not {p for p in everything if "staff" in p or "budget" in p}
    assert not {p for p in everything if "cost" in p}
    # Vague nouns alone make no theme.
    assert "thing" not in everything


def test_a_theme_that_covers_parking_takes_it_out(analysed):
    rules = [*CODEBOOK, ThemeRule("travel", "Travel", signals=["park*", "bus"])]
    found = discover_themes(analysed, rules, ids=list(ANSWERS), min_answers=2)
    everything = {p for c in found for p in phrases(c)}
    assert not {p for p in everything if "park" in p or "bus" in p}
    assert "worker" in everything


def test_quotes_are_redacted_evidence_sentences_from_missed_answers_first(
    candidates,
):
    parking = containing(candidates, "parking")
    texts = [q.text for q in parking.quotes]
    assert len(texts) == 3
    # The sentence that used the phrase, not the whole answer.
    assert all(q.text in ANSWERS[q.answer] for q in parking.quotes)
    # p1 comes first but mentions staff, which the codebook covers: the
    # answers the codebook missed are quoted before it.
    assert [q.answer for q in parking.quotes] == ["p2", "p3", "p4"]
    workers = containing(candidates, "worker")
    assert workers.quotes[0].text == "The support workers never call back."


def test_quotes_never_show_contact_details(analysed):
    only_p7 = {k: v for k, v in ANSWERS.items() if k in ("p4", "p5", "p7")}
    found = discover_themes(
        [analysed[list(ANSWERS).index(k)] for k in only_p7],
        CODEBOOK,
        ids=list(only_p7),
        min_answers=2,
    )
    quotes = {q.answer: q.text for q in found[0].quotes}
    assert quotes["p7"] == "Call me on [phone] about the car park."


def test_the_same_answers_give_the_same_candidates_in_any_order(analysed, candidates):
    again = discover_themes(analysed, CODEBOOK, ids=list(ANSWERS), min_answers=2)
    assert again == candidates
    reordered = discover_themes(
        list(reversed(analysed)),
        CODEBOOK,
        ids=list(reversed(ANSWERS)),
        min_answers=2,
    )
    assert [(c.label, phrases(c), c.answer_count) for c in reordered] == [
        (c.label, phrases(c), c.answer_count) for c in candidates
    ]


def test_rare_phrases_and_small_groups_are_no_candidate(analysed):
    found = discover_themes(analysed, CODEBOOK, min_answers=7)
    assert [phrases(c) for c in found] == [
        {"parking", "car park", "bus route", "parking space", "space"}
    ]
    found = discover_themes(analysed, CODEBOOK, min_answers=6, min_phrase_answers=3)
    assert [phrases(c) for c in found] == [{"parking", "car park", "bus route"}]
    assert discover_themes(analysed, CODEBOOK, min_answers=50) == []


def test_limit_and_no_answers(analysed):
    found = discover_themes(analysed, CODEBOOK, min_answers=2, limit=1)
    assert [c.label for c in found] == ["car park"]
    assert discover_themes([], CODEBOOK) == []
    assert discover_themes(analyse_many(["", "Yes."]), CODEBOOK) == []


def test_capitals_are_kept_in_phrases():
    analysed = analyse_many(
        ["The NHS app is slow.", "The NHS app crashed.", "The NHS app is good."]
    )
    found = discover_themes(analysed, [], min_answers=3)
    assert found[0].label == "NHS app"
    assert found[0].answer_count == 3


def test_a_quote_is_the_sentence_that_used_the_phrase(analysed):
    found = discover_themes(
        analysed, CODEBOOK, ids=list(ANSWERS), min_answers=2, quotes_per_theme=10
    )
    quotes = {q.answer: q.text for q in found[0].quotes}
    assert quotes["p1"] == "Parking is the problem, and the bus route too."
    assert list(quotes)[-1] == "p1"  # covered answers last


def test_a_candidate_is_never_named_by_a_lone_common_noun():
    lone = analyse_many(["My son waited.", "Our son is ill.", "Her son is happy."])
    assert [c.label for c in discover_themes(lone, [], min_answers=3)] == []
    phrased = analyse_many(
        ["A long wait.", "The long wait again.", "Such a long wait."]
    )
    assert [c.label for c in discover_themes(phrased, [], min_answers=3)] == [
        "long wait"
    ]
