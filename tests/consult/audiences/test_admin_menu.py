"""Officers find nominations from the Wagtail admin menu: a listing with
filters, each row and the header leading to the public nominations pages."""

import pytest

from consult.accounts.roles import Role
from tests.cms.factories import ConsultationFactory
from tests.consult.audiences.factories import NominationFactory

from .factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    officer = user("officer@example.org", Role.OFFICER)
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    return officer


def test_the_admin_menu_links_officers_to_nominations(client, officer):
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "/admin/nominations/" in page.content.decode()


def test_the_nominations_listing_leads_to_the_public_pages(client, officer):
    nomination = NominationFactory(
        name="Ada Nominee", consultation=ConsultationFactory()
    )
    html = client.get("/admin/nominations/").content.decode()
    assert "Ada Nominee" in html
    assert f"/audiences/{nomination.consultation_id}/" in html  # the row's action
    assert 'href="/audiences/"' in html  # the header button
    assert "/admin/nominations/new/" not in html  # nobody adds here


def test_the_listing_filters_and_searches(client, officer):
    kept = NominationFactory(name="Ada Nominee", consultation=ConsultationFactory())
    NominationFactory(name="Bob Other", consultation=ConsultationFactory())
    by_search = client.get("/admin/nominations/", {"q": "Ada"}).content.decode()
    assert "Ada Nominee" in by_search and "Bob Other" not in by_search
    by_filter = client.get(
        "/admin/nominations/", {"consultation": kept.consultation_id}
    ).content.decode()
    assert "Ada Nominee" in by_filter and "Bob Other" not in by_filter
