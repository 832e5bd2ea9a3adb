"""Answers, codebooks and people for analysis tests (no NLTK mocking)."""

import itertools

from django.contrib.auth.models import Group

from consult.accounts.models import User
from consult.accounts.roles import Role
from consult.analysis.matching import ThemeRule
from consult.analysis.services import replace_codebook
from surveys.models import Answer, Question, Response
from tests.cms.factories import RoundFactory
from tests.conftest import with_totp
from tests.surveys.factories import SurveyFactory, question

_refs = itertools.count(1)

RULES = [
    ThemeRule(
        key="front-door",
        name="Single front door",
        signals=["front door", "one number", "phone"],
    ),
    ThemeRule(
        key="camhs",
        name="CAMHS",
        signals=["CAMHS", "mental health"],
        exclusions=["not about camhs"],
    ),
    ThemeRule(key="one-site", name="Relocation to one site", signals=["bus", "travel"]),
    ThemeRule(key="parking", name="Parking", parent="one-site"),
]


def free_text_round(**round_kwargs):
    """An open round whose survey has one long free-text question."""
    survey = SurveyFactory()
    views = question(survey, Question.Kind.LONG_TEXT, "What do you think?")
    round_ = RoundFactory(survey=survey, **round_kwargs)
    return round_, views


def add_answers(round_, views, texts) -> list[Answer]:
    """One submitted response per text, each with one current free-text answer."""
    answers = []
    for text in texts:
        response = Response.objects.create(round=round_, reference=f"T{next(_refs):06}")
        answers.append(
            Answer.objects.create(
                response=response, question=views, value=[text], text=text
            )
        )
    return answers


def codebook_for(consultation, rules=None):
    return replace_codebook(consultation=consultation, rules=rules or RULES)


def person(email, role=None, *, leads=()):
    user = User.objects.create_user(email, "a-long-password-1")
    if role:
        user.groups.add(Group.objects.get(name=role))
    for consultation in leads:
        consultation.leads.add(user)
    if role in (Role.OFFICER, Role.PROJECT_LEAD):
        with_totp(user)
    return user


# Answers with phrases the RULES codebook misses: "car park", "waiting list".
DISCOVERABLE_TEXTS = [
    "The car park is always full.",
    "The car park closes before the evening sessions end.",
    "Call me on 07700 900123 about the car park.",
    "The waiting list for speech therapy is two years.",
    "The waiting list is far too long.",
    "Our waiting list letter never came.",
    "My son waited a year for CAMHS.",
    "One number for everything would help.",
]


def discoverable_consultation():
    """A consultation whose answers are analysed against RULES (no mocks)."""
    from consult.analysis.services import analyse_answers, load_answers

    round_, views = free_text_round()
    answers = add_answers(round_, views, DISCOVERABLE_TEXTS)
    codebook = codebook_for(round_.consultation)
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    return round_.consultation
