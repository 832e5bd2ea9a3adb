"""Arbitrary text in every public address's query string and every public form:
never a server error. NUL and other control characters included."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models import Consultation
from tests.surveys.factories import survey_round

# Limits off: each example is a new visitor, not one flooding the site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_limits")]


@pytest.fixture
def no_limits(settings):
    settings.RATE_LIMITS_ENABLED = False


anything = st.text(max_size=300)  # includes NUL, surrogates excluded by Django
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def public(site_root):
    round_, q = survey_round()
    targeted, _ = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    return round_, q, targeted


def get_paths(round_, targeted):
    start = reverse("surveys:start", kwargs={"round_id": round_.pk})
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    return [
        "/",
        "/search/",
        "/consultations/",
        start,
        first,
        reverse("surveys:start", kwargs={"round_id": targeted.pk}),
    ]


@FUZZ
@given(value=anything, key=anything)
def test_query_strings_never_give_a_server_error(public, value, key):
    round_, _, targeted = public
    client = Client()
    for path in get_paths(round_, targeted):
        response = client.get(path, {"q": value, "page": value, "service": value})
        assert response.status_code < 500, (path, value)
        response = client.get(path, {key or "x": value})
        assert response.status_code < 500, (path, key)


@FUZZ
@given(answer=anything, email=anything, extra=anything)
def test_public_forms_never_give_a_server_error(public, answer, email, extra):
    round_, q, _ = public
    client = Client()
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    second = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2})
    posts = [
        (first, {str(q["who"].pk): answer, extra or "x": answer}),
        (second, {str(q["views"].pk): answer, str(q["services"].pk): [answer, extra]}),
        (reverse("surveys:check", kwargs={"round_id": round_.pk}), {"email": email}),
        (reverse("surveys:save", kwargs={"round_id": round_.pk}), {"email": email}),
        (
            reverse("surveys:equalities", kwargs={"round_id": round_.pk}),
            {"age": answer},
        ),
    ]
    for path, data in posts:
        response = client.post(path, data)
        assert response.status_code < 500, (path, data)
    token = answer.replace("/", "") or "x"  # a path segment
    for path in (
        reverse("surveys:confirmation", kwargs={"reference": token}),
        reverse("surveys:resume", kwargs={"token": token}),
        reverse("surveys:manage", kwargs={"token": token}),
        reverse("audiences:invitation", kwargs={"token": token}),
    ):
        assert client.get(path).status_code < 500, path
