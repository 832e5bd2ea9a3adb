from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.cms.factories import RoundFactory, add_consultation_page

pytestmark = pytest.mark.django_db


def test_closed_round_refuses_to_start_a_response(client):
    round_ = RoundFactory(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    response = client.get(reverse("surveys:start", kwargs={"round_id": round_.pk}))
    assert response.status_code == 410
    assert "This consultation has closed" in response.content.decode()


def test_upcoming_round_says_when_it_opens(client):
    round_ = RoundFactory(
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=30),
    )
    response = client.get(reverse("surveys:start", kwargs={"round_id": round_.pk}))
    assert response.status_code == 410
    assert "has not opened yet" in response.content.decode()


def test_closed_consultation_page_offers_no_way_to_respond(client, site_root):
    round_ = RoundFactory(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    page = add_consultation_page(site_root, consultation=round_.consultation)
    html = client.get(page.url).content.decode()
    assert "This consultation has closed" in html
    assert reverse("surveys:start", kwargs={"round_id": round_.pk}) not in html
    assert "Respond to this consultation" not in html


def test_open_consultation_page_links_to_its_open_round(client, site_root):
    page = add_consultation_page(site_root)
    html = client.get(page.url).content.decode()
    round_ = page.consultation.rounds.get()
    assert reverse("surveys:start", kwargs={"round_id": round_.pk}) in html
