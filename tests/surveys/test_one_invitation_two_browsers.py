"""D1: one invitation link opened in two browsers; the second to send is told,
clearly, that a response was already sent (409), never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import Consultation, Response
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def admit(client, round_, key="inv:1"):
    session = client.session
    session["admissions"] = {str(round_.pk): {"key": key, "label": ""}}
    session.save()


def fill_in(client, round_, q):
    url = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    client.post(url, {str(q["who"].pk): "Parent or carer"})
    url = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2})
    client.post(url, {str(q["views"].pk): "Mine"})


def test_the_second_browser_to_send_on_one_invitation_gets_a_clear_page():
    round_, q = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    first, second = Client(), Client()
    for client in (first, second):
        admit(client, round_)
        fill_in(client, round_, q)
    check = reverse("surveys:check", kwargs={"round_id": round_.pk})
    assert first.post(check).status_code == 200
    for _ in range(2):  # and on every retry
        page = second.post(check)
        assert page.status_code == 409
        assert "already sent with this invitation" in page.content.decode()
    assert Response.objects.count() == 1
