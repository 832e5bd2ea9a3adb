import pytest
from django.core.management import call_command

from cms.demo_translation import add_polish_translation
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


def test_search_keeps_to_the_pages_language(client, site_root):
    """A word both versions share finds the Polish page under /pl/ and the
    English one under the English address, never both; like the listing, an
    untranslated page is still found under /pl/ (in English, its only version)."""
    english = add_consultation_page(
        site_root, title="Northfield family hubs", slug="hubs"
    )
    polish = add_polish_translation(english)
    polish.title = "Centra rodzinne Northfield"
    polish.save_revision().publish()
    add_consultation_page(site_root, title="Northfield libraries", slug="libraries")
    call_command("update_index", verbosity=0)

    in_english = client.get("/search/", {"q": "Northfield"}).content.decode()
    assert f'href="{english.url}"' in in_english
    assert f'href="{polish.url}"' not in in_english
    assert "Northfield libraries" in in_english and "2 results" in in_english

    in_polish = client.get("/pl/search/", {"q": "Northfield"}).content.decode()
    assert f'href="{polish.url}"' in in_polish
    assert f'href="{english.url}"' not in in_polish
    assert "Northfield libraries" in in_polish
