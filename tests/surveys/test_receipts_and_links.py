"""Receipts by e-mail, save-and-return links, and withdrawing by personal link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from surveys.models import Draft, Response
from surveys.tasks import send_receipt
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_responding import answer_all, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client):
    round_, q = survey_round()
    start_response(client, round_)
    return round_, q


def link_in(message) -> str:
    return (
        re.search(r"http://\S+", message.body)
        .group(0)
        .replace("http://127.0.0.1:8000", "")
        .replace("http://testserver", "")
    )


def send(client, round_, q, django_capture_on_commit_callbacks, **receipt):
    answer_all(client, round_, q)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url("check", round_), receipt)


def test_receipt_is_sent_once_with_reference_and_link(
    client, started, django_capture_on_commit_callbacks
):
    round_, q = started
    send(
        client,
        round_,
        q,
        django_capture_on_commit_callbacks,
        email="parent@example.org",
        consent="on",
    )
    response = Response.objects.get()
    assert (
        response.contact_email == "parent@example.org" and response.consent_to_recontact
    )
    assert len(mail.outbox) == 1 and response.reference in mail.outbox[0].body
    assert send_receipt(str(response.pk)) is False  # a retried task sends nothing more
    assert len(mail.outbox) == 1
    assert (
        response.manage_token_hash not in mail.outbox[0].body
    )  # only the token travels


def test_no_email_no_receipt(client, started, django_capture_on_commit_callbacks):
    round_, q = started
    send(client, round_, q, django_capture_on_commit_callbacks)
    assert Response.objects.count() == 1 and mail.outbox == []


def test_a_bad_email_is_refused_and_nothing_is_sent(client, started):
    round_, q = started
    answer_all(client, round_, q)
    response = client.post(url("check", round_), {"email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter an e-mail address in the correct format" in response.content.decode()
    assert Response.objects.count() == 0


def test_withdraw_by_the_receipt_link(
    client, started, django_capture_on_commit_callbacks
):
    from django.test import Client

    round_, q = started
    send(client, round_, q, django_capture_on_commit_callbacks, email="p@example.org")
    link = link_in(mail.outbox[0])
    other_browser = Client()
    page = other_browser.get(link).content.decode()
    assert "Keep the centres open" in page and "Withdraw my response" in page
    asked = other_browser.post(link, {"withdraw": "yes"}).content.decode()
    assert "Are you sure you want to withdraw" in asked
    assert not Response.objects.get().is_withdrawn  # not before confirming
    other_browser.post(link, {"withdraw": "confirmed"})
    assert Response.objects.get().is_withdrawn
    assert "You withdrew this response" in other_browser.get(link).content.decode()


def test_withdrawal_is_refused_after_close(
    client, started, django_capture_on_commit_callbacks
):
    round_, q = started
    send(client, round_, q, django_capture_on_commit_callbacks, email="p@example.org")
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    link = link_in(mail.outbox[0])
    assert "Withdraw my response" not in client.get(link).content.decode()
    client.post(link, {"withdraw": "confirmed"})
    assert not Response.objects.get().is_withdrawn


@pytest.mark.parametrize("token", ["guess", "x" * 43, ""])
def test_wrong_links_answer_like_missing_ones(client, token):
    for name in ("manage", "resume"):
        if token:
            response = client.get(reverse(f"surveys:{name}", kwargs={"token": token}))
            assert response.status_code == 404
            assert "This link does not work" in response.content.decode()


def test_save_and_come_back_keeps_everything_typed(client, started):
    from django.test import Client

    round_, q = started
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Young person"})
    response = client.post(
        url("section", round_, number=2), {str(q["views"].pk): "x" * 60, "save": "1"}
    )  # too long, but saved as typed
    assert response.url == url("save", round_)
    saved = client.post(url("save", round_), {"email": "yp@example.org"})
    assert "We have sent the link to yp@example.org" in saved.content.decode()
    link = link_in(mail.outbox[0])
    elsewhere = Client()  # a new device, or after the session timed out
    assert elsewhere.get(link).status_code == 302
    page = elsewhere.get(url("section", round_, number=2)).content.decode()
    assert "x" * 60 in page
    assert Draft.objects.count() == 1


def test_a_new_resume_link_replaces_the_old(client, started):
    round_, _ = started
    first = re.search(
        r"/respond/resume/[^<\s]+", client.get(url("save", round_)).content.decode()
    )
    client.get(url("save", round_))
    assert client.get(first.group(0)).status_code == 404


def test_changing_answers_makes_a_new_current_version(
    client, started, django_capture_on_commit_callbacks
):
    from surveys.models import Answer

    round_, q = started
    send(client, round_, q, django_capture_on_commit_callbacks, email="p@example.org")
    link = link_in(mail.outbox[0])
    first = client.post(link, {"change": "yes"})
    assert first.url == url("section", round_, number=1)
    page = client.get(url("section", round_, number=2)).content.decode()
    assert "Keep the centres open" in page  # starts from the current answers
    client.post(
        url("section", round_, number=2),
        {str(q["views"].pk): "Close two centres", str(q["services"].pk): ["Schools"]},
    )
    check = client.get(url("check", round_)).content.decode()
    assert "Equalities questions" not in check and "id_email" not in check
    done = client.post(url("check", round_))
    client.post(url("check", round_))  # resent: still one new version
    response = Response.objects.get()
    assert response.reference in done.content.decode() and response.version == 2
    current = Answer.objects.filter(response=response, is_current=True)
    assert {a.text for a in current if a.text} == {"Close two centres"}
    assert set(current.values_list("version", flat=True)) == {2}
    assert Answer.objects.filter(response=response, is_current=False).count() == 3
    assert Answer.objects.current().filter(response=response).count() == 3


def test_no_changes_after_close(client, started, django_capture_on_commit_callbacks):
    round_, q = started
    send(client, round_, q, django_capture_on_commit_callbacks, email="p@example.org")
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    link = link_in(mail.outbox[0])
    assert "Change your answers" not in client.get(link).content.decode()
    assert client.post(link, {"change": "yes"}).status_code == 200
    assert Draft.objects.filter(amends__isnull=False).count() == 0
