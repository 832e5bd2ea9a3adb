"""D6 and D7: one client-address rule behind the proxy; limits on starting
responses and saving drafts; draft answers bounded by the question's limit."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from consult.accounts.adapters import AccountAdapter
from consult.edge.client import client_address
from consult.edge.limits import parse_rate
from surveys.forms import kept_length
from surveys.models import Draft
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def request_from(client_ip, *, spoofed=""):
    hops = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=hops)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw():
    request = request_from("203.0.113.7", spoofed="1.2.3.4")
    assert client_address(request) == "203.0.113.7"
    # allauth and axes ask the same rule.
    assert AccountAdapter().get_client_ip(request) == "203.0.113.7"
    assert get_client_ip_address(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_with_no_proxy_forwarded_headers_are_not_believed():
    assert client_address(request_from("203.0.113.7")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_invitation_misses_behind_the_proxy_block_only_the_one_who_missed():
    url = reverse("audiences:invitation", kwargs={"token": "not-a-token"})
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    nominee = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    for _ in range(20):
        assert attacker.get(url).status_code == 404
    assert attacker.get(url).status_code == 429
    assert nominee.get(url).status_code == 404  # not 429: someone else's misses


@override_settings(RATE_LIMITS={"start_response": "3/5m", "save_draft": "100/m"})
def test_starting_responses_is_throttled_per_client_with_a_clear_page():
    round_, q = survey_round()
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    answers = {str(q["who"].pk): "Parent or carer"}
    for _ in range(3):
        assert Client().post(first, answers).status_code == 302
    page = Client().post(first, answers)
    assert page.status_code == 429
    assert "Too many attempts" in page.content.decode()
    assert page["Retry-After"] == "300"
    assert Draft.objects.count() == 3


def test_draft_answers_never_exceed_the_question_limit(client):
    round_, q = survey_round()  # "What do you think?" allows 50 characters
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    client.post(first, {str(q["who"].pk): "Parent or carer"})
    second = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2})
    page = client.post(
        second,
        {
            str(q["views"].pk): "x" * 1_000_000,
            str(q["services"].pk): ["y" * 1_000] * 300,
        },
    )
    assert page.status_code == 200  # the page again, with the error
    answers = Draft.objects.get().answers
    assert len(answers[str(q["views"].pk)]) == kept_length(50) == 1050
    services = answers[str(q["services"].pk)]
    assert len(services) <= 100 and all(len(v) <= kept_length(500) for v in services)


def test_rates_read_as_count_and_window():
    assert parse_rate("30/5m") == (30, 300)
    assert parse_rate("60/h") == (60, 3600)
