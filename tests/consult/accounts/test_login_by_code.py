"""Respondents with an account sign in with a one-time code sent by e-mail."""

import re

import pytest
from django.contrib.auth import get_user
from django.core import mail

from tests.consult.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

REQUEST = "/accounts/login/code/"
CONFIRM = "/accounts/login/code/confirm/"


def _code_from(message) -> str:
    match = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def test_request_code_then_confirm_signs_in(client):
    person = user_with_role(None)
    response = client.post(REQUEST, {"email": person.email})
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
    page = client.get(CONFIRM)
    assert page.status_code == 200 and person.email in page.content.decode()
    response = client.post(CONFIRM, {"code": _code_from(mail.outbox[0])})
    assert response.status_code == 302
    assert get_user(client) == person


def test_wrong_code_gives_a_linked_error_and_no_sign_in(client):
    person = user_with_role(None)
    client.post(REQUEST, {"email": person.email})
    response = client.post(CONFIRM, {"code": "WRONG1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_code"' in html
    assert html.count("<h1") == 1
    assert not get_user(client).is_authenticated


def test_unknown_address_reveals_nothing(client):
    response = client.post(REQUEST, {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert not get_user(client).is_authenticated


def test_empty_address_is_a_linked_error(client):
    response = client.post(REQUEST, {"email": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_email"' in html
    assert "<title>Error: " in html


def test_errors_say_what_to_do(client):
    html = client.post("/accounts/login/", {"login": "", "password": ""}).content
    assert b"Enter your e-mail address" in html and b"Enter your password" in html
    html = client.post(REQUEST, {"email": "not-an-address"}).content
    assert b"Enter an e-mail address like name@example.org" in html
