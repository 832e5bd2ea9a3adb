"""Key points of a theme in people's own words: extractive, counted, diverse,
never the same sentence twice, contact details redacted."""

import pytest

from consult.analysis.key_points import extract_key_points, key_points_for
from consult.analysis.services import analyse_answers, load_answers
from consult.analysis.text import analyse_many
from tests.consult.analysis.factories import add_answers

pytestmark = pytest.mark.django_db

SAME = "The bus fare is far too high for us."
TEXTS = [
    SAME,
    SAME,
    SAME,
    "The bus fare went up again this year. Call me on 07700 900123 about it.",
    "Two buses each way takes the whole morning for my family.",
    "The bus route stops a mile from the new site.",
    "Another bus route past the school would help a lot.",
    "Travel to the new site is hard without a car, and I love the old one.",
]


@pytest.fixture
def tagged(answered):
    consultation, codebook, _ = answered
    round_ = consultation.rounds.get()
    answers = add_answers(round_, round_.survey.questions.get(), TEXTS)
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    return consultation


def test_key_points_are_sentences_people_wrote_with_counts(tagged):
    found = key_points_for(consultation=tagged, theme_key="one-site")
    assert found.theme_name == "Relocation to one site"
    assert found.answers == len(TEXTS)
    sentences = [p.sentence for p in found.points]
    assert sentences, found
    assert len(sentences) == len(set(sentences))  # never the same sentence twice
    by_phrase = {p.phrase: p for p in found.points}
    assert by_phrase["bus fare"].answers == 4
    assert by_phrase["bus route"].answers == 2
    for point in found.points:
        assert any(point.sentence in text for text in TEXTS) or "[phone]" in (
            point.sentence
        )
    assert all("07700" not in s for s in sentences)
    mood = found.sentiment
    assert mood.positive + mood.neutral + mood.negative == len(TEXTS)


def test_an_unknown_theme_has_no_key_points(tagged):
    assert key_points_for(consultation=tagged, theme_key="nope") is None


def test_overlapping_phrases_make_one_point():
    analysed = analyse_many(
        ["The waiting list is long.", "A waiting list of a year.", "No waiting list."]
    )
    points = extract_key_points(analysed, limit=5)
    # "waiting list" and "list" come from the same answers: one point.
    assert [p.phrase for p in points] == ["waiting list"]
    assert points[0].answers == 3
