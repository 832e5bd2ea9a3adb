from datetime import timedelta

import pytest
from django.utils import timezone

from consult.organisation.models import Service
from tests.cms.factories import RoundFactory, add_consultation_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(site_root):
    centres = Service.objects.create(
        name="Children's Centres", slug="childrens-centres"
    )
    schools = Service.objects.create(name="Schools", slug="schools")
    now = timezone.now()
    open_one = add_consultation_page(site_root, title="Open about centres")
    open_one.consultation.services.add(centres)
    closed = RoundFactory(
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=1),
        consultation__title="Closed about schools",
    ).consultation
    closed.services.add(schools)
    add_consultation_page(site_root, title="Closed about schools", consultation=closed)
    return site_root


def titles(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return [p.title for p in response.context["consultations"]]


def test_lists_every_live_consultation_with_its_status(client, listing):
    html = client.get(listing.url).content.decode()
    assert "Open about centres" in html and "Closed about schools" in html
    assert ">Open</strong>" in html and ">Closed</strong>" in html


def test_filters_by_status(client, listing):
    assert titles(client, listing, "?status=open") == ["Open about centres"]
    assert titles(client, listing, "?status=closed") == ["Closed about schools"]


def test_filters_by_service(client, listing):
    assert titles(client, listing, "?service=schools") == ["Closed about schools"]


def test_unknown_filter_values_show_everything_rather_than_fail(client, listing):
    assert len(titles(client, listing, "?status=bogus&service=")) == 2


def test_home_page_lists_consultations(client, listing):
    html = client.get("/").content.decode()
    assert "Open about centres" in html
