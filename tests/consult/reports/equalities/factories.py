"""Respondents with monitoring answers, made directly (fast), linked to their
responses only by the HMAC, as the submission service links them."""

import itertools

from consult.reports.equalities.population import import_population_profile
from surveys.equalities import response_link
from surveys.models import Answer, EqualityMonitoring, Response

_refs = itertools.count(1)


def respond(round_, *, monitoring=None, answers=None) -> Response:
    """One response; ``answers`` maps questions to a value list or a text."""
    response = Response.objects.create(round=round_, reference=f"EQ{next(_refs):06}")
    if monitoring is not None:
        EqualityMonitoring.objects.create(
            round=round_, response_link=response_link(response.pk), **monitoring
        )
    for question, value in (answers or {}).items():
        text = value if isinstance(value, str) else ""
        Answer.objects.create(
            response=response,
            question=question,
            value=[value] if isinstance(value, str) else value,
            text=text if question.kind in ("short_text", "long_text") else "",
        )
    return response


def respond_many(round_, n, **kwargs) -> list[Response]:
    return [respond(round_, **kwargs) for _ in range(n)]


PROFILE_CSV = b"""characteristic,category,count
disability,Yes,2000
disability,No,8000
sex,Female,5100
sex,Male,4900
"""


def population(csv=PROFILE_CSV, **kwargs):
    return import_population_profile(
        name=kwargs.pop("name", "Census 2021"), data=csv, **kwargs
    )
