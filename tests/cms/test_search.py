import pytest
from django.core.management import call_command

from tests.cms.factories import add_consultation_page

pytestmark = pytest.mark.django_db


def test_search_finds_a_consultation_by_words_in_its_body(client, site_root):
    add_consultation_page(
        site_root,
        title="Family hubs",
        body=[{"type": "paragraph", "value": "<p>A multi-agency access team.</p>"}],
    )
    add_consultation_page(site_root, title="Libraries")
    call_command("update_index", verbosity=0)
    response = client.get("/search/", {"q": "multi-agency"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Family hubs" in html and "Libraries" not in html
    assert "1 result for" in html


def test_empty_search_shows_the_form_only(client, site_root):
    response = client.get("/search/")
    assert response.status_code == 200 and "result" not in response.content.decode()


def test_search_text_is_escaped(client, site_root):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
