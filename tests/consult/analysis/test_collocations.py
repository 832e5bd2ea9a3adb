"""Collocations across a consultation's answers."""

import pytest

from consult.analysis.collocations import find_collocations
from consult.analysis.text import analyse_many

ANSWERS = [
    "The car park is always full.",
    "There is never space in the car park.",
    "The car parks near the centre cost too much.",
    "I want a single point of contact for my family.",
    "A single point of contact would save time.",
    "One point of contact, please, not five.",
    "The staff of the centre were kind.",
    "My car broke down. Park benches were wet.",
    "The bus stop was moved and the centre was cold.",
    "The bus stop is too far.",
    "Of the many things, the centre is the best of the lot.",
]


@pytest.fixture(scope="module")
def analysed():
    return analyse_many(ANSWERS)


def phrases(found, size=None):
    return [c.phrase for c in found if size is None or len(c.words) == size]


def test_finds_pairs_with_counts_of_lemmas(analysed):
    found = find_collocations(analysed, sizes=(2,), min_count=2)
    by_phrase = {c.phrase: c for c in found}
    # "car parks" counts as "car park": lemmas, not words.
    assert by_phrase["car park"].count == 3
    assert by_phrase["bus stop"].count == 2
    assert set(phrases(found)[:2]) == {"car park", "bus stop"}


def test_a_pair_never_spans_two_sentences(analysed):
    # "car. Park" in one answer is not a fourth "car park".
    found = find_collocations(analysed, sizes=(2,), min_count=1, limit=500)
    assert {c.phrase: c.count for c in found}["car park"] == 3


def test_stopwords_and_punctuation_never_make_a_collocation(analysed):
    found = find_collocations(analysed, min_count=1, limit=500)
    for c in found:
        assert c.words[0] not in {"the", "of", "be", ".", ","}, c
        assert c.words[-1] not in {"the", "of", "be", ".", ","}, c
    assert "stop be" not in phrases(found)


def test_finds_triples_joined_by_a_preposition(analysed):
    found = find_collocations(analysed, sizes=(3,), min_count=3)
    assert phrases(found) == ["point of contact"]
    assert found[0].count == 3


def test_min_count_leaves_out_rare_pairs(analysed):
    assert "bus stop" in phrases(find_collocations(analysed, min_count=2))
    assert "bus stop" not in phrases(find_collocations(analysed, min_count=3))


def test_both_measures_rank_and_the_result_is_deterministic(analysed):
    for measure in ("likelihood_ratio", "pmi"):
        first = find_collocations(analysed, min_count=2, measure=measure)
        again = find_collocations(
            list(reversed(analysed)), min_count=2, measure=measure
        )
        assert phrases(first) == phrases(again)
        assert "car park" in phrases(first)
        scores = [c.score for c in first if len(c.words) == 2]
        assert scores == sorted(scores, reverse=True)


def test_an_unknown_measure_is_refused(analysed):
    with pytest.raises(ValueError, match="measure"):
        find_collocations(analysed, measure="chi")


def test_no_answers_give_no_collocations():
    assert find_collocations([]) == []
    assert find_collocations(analyse_many(["", "Yes."])) == []
