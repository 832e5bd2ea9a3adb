"""Back to a sent response without the receipt's link: from the browser that
sent it, or with the reference and the e-mail address (a new link by e-mail,
the same answer whether or not they match, rate-limited)."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from consult.edge.limits import parse_rate
from surveys.models import Response
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_receipts_and_links import link_in, send

pytestmark = pytest.mark.django_db
FIND = reverse("surveys:find_response")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def sent(client, django_capture_on_commit_callbacks):
    round_, q = survey_round()
    start_response(client, round_)
    send(client, round_, q, django_capture_on_commit_callbacks, email="p@example.org")
    mail.outbox.clear()
    return Response.objects.get()


def test_the_sending_browser_can_view_and_withdraw_without_an_email(client):
    round_, q = survey_round()
    start_response(client, round_)
    from tests.surveys.test_responding import answer_all, url

    answer_all(client, round_, q)
    done = client.post(url("check", round_)).content.decode()
    response = Response.objects.get()
    here = reverse("surveys:manage_here", kwargs={"reference": response.reference})
    assert here in done
    assert "Keep the centres open" in client.get(here).content.decode()
    assert Client().get(here).status_code == 404  # the reference alone: nothing
    client.post(here, {"withdraw": "yes"})
    assert not Response.objects.get().is_withdrawn
    client.post(here, {"withdraw": "confirmed"})
    assert Response.objects.get().is_withdrawn


def test_reference_and_email_send_a_new_link(sent, django_capture_on_commit_callbacks):
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = browser.post(
            FIND, {"reference": sent.reference.lower(), "email": "P@example.org"}
        )
    assert "If the reference number matches" in page.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["p@example.org"]
    assert sent.reference in browser.get(link_in(mail.outbox[0])).content.decode()


@pytest.mark.parametrize(
    "posted",
    [
        {"reference": "SB-AAAAAAAA", "email": "p@example.org"},  # no such reference
        {"email": "someone@else.org"},  # the wrong address (reference added below)
    ],
)
def test_no_match_looks_the_same_and_sends_nothing(
    sent, posted, django_capture_on_commit_callbacks
):
    posted = {"reference": sent.reference, **posted}
    with django_capture_on_commit_callbacks(execute=True):
        page = Client().post(FIND, posted)
    assert page.status_code == 200
    assert "If the reference number matches" in page.content.decode()
    assert mail.outbox == []


def test_a_missing_field_is_a_clear_error():
    page = Client().post(FIND, {"reference": "", "email": "x"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Enter your reference number" in html
    assert "Enter an e-mail address in the correct format" in html


def test_attempts_are_limited_per_address(sent):
    allowed, window = parse_rate(settings.RATE_LIMITS["find_response"])
    browser = Client()
    for _ in range(allowed):
        browser.post(FIND, {"reference": "SB-AAAAAAAA", "email": "p@example.org"})
    refused = browser.post(
        FIND, {"reference": sent.reference, "email": "p@example.org"}
    )
    assert refused.status_code == 429
    # The one limiter's page: clear, and says when to come back.
    assert "Too many attempts" in refused.content.decode()
    assert refused["Retry-After"] == str(window)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_guesser_does_not_lock_out_everyone(sent):
    """The one client-address rule (consult/edge/client.py), not REMOTE_ADDR:
    behind the TLS proxy every visitor shares the proxy's address."""
    allowed, _ = parse_rate(settings.RATE_LIMITS["find_response"])
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    parent = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    wrong = {"reference": "SB-AAAAAAAA", "email": "p@example.org"}
    for _ in range(allowed):
        guesser.post(FIND, wrong)
    assert guesser.post(FIND, wrong).status_code == 429
    page = parent.post(FIND, {"reference": sent.reference, "email": "p@example.org"})
    assert page.status_code == 200
    assert "If the reference number matches" in page.content.decode()
