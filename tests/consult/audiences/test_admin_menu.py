"""Officers find the nomination pages from the Wagtail admin menu."""

import pytest

from consult.accounts.roles import Role

from .factories import user

pytestmark = pytest.mark.django_db


def test_the_admin_menu_links_officers_to_nominations(client):
    officer = user("officer@example.org", Role.OFFICER)
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "/audiences/" in page.content.decode()
