"""A save-and-return link keeps working until it is used or the person saves
again, and reopens the survey at the section where they stopped."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_receipts_and_links import link_in
from tests.surveys.test_responding import url

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+/respond/resume/[A-Za-z0-9_-]+/")


@pytest.fixture
def saved_on_section_two(client):
    round_, q = survey_round()
    start_response(client, round_)
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Young person"})
    client.post(
        url("section", round_, number=2), {str(q["views"].pk): "Half", "save": "1"}
    )
    return round_, q


def test_emailing_the_link_keeps_the_one_on_screen(client, saved_on_section_two):
    round_, _ = saved_on_section_two
    page = client.get(url("save", round_)).content.decode()
    shown = LINK.search(page).group(0)
    token = shown.rstrip("/").rsplit("/", 1)[1]
    sent = client.post(url("save", round_), {"email": "p@example.org", "token": token})
    assert LINK.search(sent.content.decode()).group(0) == shown
    assert LINK.search(mail.outbox[0].body).group(0) == shown
    elsewhere = Client()
    assert elsewhere.get(link_in(mail.outbox[0])).status_code == 302


def test_a_link_posted_back_that_is_not_current_is_not_reused(
    client, saved_on_section_two
):
    round_, _ = saved_on_section_two
    page = client.post(url("save", round_), {"email": "p@example.org", "token": "x"})
    assert not LINK.search(page.content.decode()).group(0).endswith("/x/")


def test_the_link_reopens_where_they_stopped(client, saved_on_section_two):
    round_, _ = saved_on_section_two
    shown = LINK.search(client.get(url("save", round_)).content.decode()).group(0)
    opened = Client().get(link_in(type("M", (), {"body": shown})))
    assert opened.url == url("section", round_, number=2)
