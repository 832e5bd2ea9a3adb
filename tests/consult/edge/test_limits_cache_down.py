"""A cache outage (Redis stopped) must not turn into a site outage: the rate
limits let requests through and say so in the log (found by the fault run,
tests/resilience/: every first-page POST was a 500 while Redis was down)."""

import logging

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from consult.edge import limits
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db

# A real Redis cache with nothing listening: what the site sees while Redis is down.
NO_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
}


@override_settings(CACHES=NO_REDIS)
def test_limits_let_requests_through_and_log_while_the_cache_is_down(caplog):
    request = RequestFactory().post("/")
    with caplog.at_level(logging.WARNING, logger="consult.edge.limits"):
        assert limits.hit(request, "start_response") is False
        assert limits.exhausted(request, "invitation_link_miss") is False
    assert [r.message for r in caplog.records] == [
        "rate limit not checked: cache unreachable"
    ] * 2


@override_settings(CACHES=NO_REDIS)
def test_starting_a_response_while_the_cache_is_down_is_no_server_error():
    round_, q = survey_round()
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    page = Client().post(first, {str(q["who"].pk): "Parent or carer"})
    assert page.status_code == 302
