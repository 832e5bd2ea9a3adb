"""The equalities codebook tags free text through the analysis matching."""

import pytest
from django.test import override_settings

from consult.analysis.matching import match_themes
from consult.analysis.text import analyse
from consult.reports.equalities.impacts import CODEBOOK, equality_impacts
from tests.consult.analysis.factories import add_answers, free_text_round

pytestmark = pytest.mark.django_db

KEYS = {rule.key for rule in CODEBOOK}


def test_the_codebook_covers_every_protected_characteristic_and_more():
    assert KEYS == {
        "disability", "race", "religion", "age", "sex", "pregnancy",
        "sexual-orientation", "gender-reassignment", "caring", "low-income",
        "language",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("There is no ramp and I use a wheelchair.", "disability"),
        ("My English is not good; I need an interpreter.", "language"),
        ("We are on universal credit and the bus fares are too much.", "low-income"),
        ("I was pregnant and the antenatal clinic moved.", "pregnancy"),
        ("The mosque runs the only youth club nearby.", "religion"),
        ("As a young carer I can't get to the centre.", "caring"),
    ],
)
def test_answers_are_tagged_with_the_impacts_they_raise(text, key):
    assert key in {m.theme for m in match_themes(analyse(text), CODEBOOK)}


@override_settings(EQUALITIES_DISCLOSURE_THRESHOLD=3)
def test_counts_and_quotes_only_for_impacts_raised_by_enough_people():
    round_, views = free_text_round()
    add_answers(
        round_,
        views,
        [
            "I use a wheelchair and the Civic Centre has steps.",
            "My daughter is disabled; call me on 07700 900123.",
            "Disabled parents cannot queue on the phone.",
            "I need an interpreter.",
            "Just answer the phone.",
        ],
    )
    impacts = {i.key: i for i in equality_impacts(round_.consultation)}
    assert impacts["disability"].answers.value == 3
    assert not impacts["disability"].answers.hidden
    assert (
        "My daughter is disabled; call me on [phone]." in impacts["disability"].quotes
    )
    assert str(impacts["language"].answers) == "fewer than 3"
    assert impacts["language"].quotes == []
