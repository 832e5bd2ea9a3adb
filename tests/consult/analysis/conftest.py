import pytest

from consult.accounts.roles import Role
from tests.consult.analysis.factories import (
    add_answers,
    codebook_for,
    free_text_round,
    person,
)

TEXTS = [
    "I could never get through on the phone. One number would help.",
    "My son waited a year for CAMHS.",
    "Two buses to the Civic Centre is too far.",
    "",
    "   ",
    "👍🙂",
]


@pytest.fixture
def answered(db):
    """A consultation with a codebook and six answers, some of them awkward."""
    round_, views = free_text_round()
    answers = add_answers(round_, views, TEXTS)
    codebook = codebook_for(round_.consultation)
    return round_.consultation, codebook, answers


@pytest.fixture
def officer(db):
    return person("officer@example.org", Role.OFFICER)
