"""Consultation pages in other languages: a translated page is served under its
language, in its language's interface, and starts that language's survey
version; answers count with the rest, the language recorded and reported."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Locale

from cms.demo_translation import add_polish_translation
from cms.models import ConsultationPage
from cms.page_forms import ConsultationPageForm
from surveys.models import QuestionWording, Response, SurveyVersion
from tests.cms.factories import add_consultation_page
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(site_root):
    """An open consultation with a Polish page and a Polish survey version."""
    round_, questions = survey_round()
    polish = SurveyVersion.objects.create(
        survey=round_.survey,
        variant="pl",
        name="Polski",
        title="Ankieta po polsku",
        note="Demo translation",
    )
    QuestionWording.objects.create(
        version=polish, question=questions["views"], label="Co o tym myślisz?"
    )
    page = add_consultation_page(
        site_root,
        title="Our plans",
        slug="our-plans",
        consultation=round_.consultation,
    )
    return round_, questions, page, add_polish_translation(page)


def html_attrs(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def test_the_translated_page_is_served_in_its_language(client, translated):
    round_, _, page, polish = translated
    assert polish.url == "/pl/consultations/our-plans/"
    html = client.get(polish.url).content.decode()
    assert 'lang="pl"' in html_attrs(html) and 'dir="ltr"' in html_attrs(html)
    assert "Nowy model działania" in html
    # Interface strings through Django's translations (locale/pl).
    assert "Weź udział w konsultacjach" in html
    assert "Przejdź do treści głównej" in html
    # Marked as a demo translation, at the top.
    assert 'id="translation-note"' in html and "Tłumaczenie demonstracyjne" in html
    # Its start button keeps the language, and so the Polish survey version.
    assert f'href="/pl/respond/{round_.pk}/section/1/"' in html


def test_the_english_page_offers_its_language_versions(client, translated):
    _, _, page, polish = translated
    html = client.get(page.url).content.decode()
    assert 'lang="en-gb"' in html_attrs(html)
    assert "Respond to this consultation" in html
    languages = html[html.index('id="page-languages"') :]
    assert f'href="{polish.url}" lang="pl" hreflang="pl"' in languages
    assert "Polski" in languages and "demo translation" in languages


def test_listings_show_each_consultation_once_in_their_language(client, translated):
    html = client.get("/consultations/").content.decode()
    assert html.count("Our plans") >= 1 and "Nowy model działania" not in html
    polish_list = client.get("/pl/consultations/").content.decode()
    assert "Nowy model działania" in polish_list and "Our plans" not in polish_list


def test_the_polish_pages_answer_the_polish_version(client, translated):
    round_, questions, _, _ = translated
    section = f"/pl/respond/{round_.pk}/section/1/"
    html = client.get(section).content.decode()
    assert 'lang="pl"' in html_attrs(html)
    assert "Dalej" in html and "Zapisz i wróć później" in html  # buttons
    assert "Część 1 z 2" in html
    assert 'name="variant" value="pl"' in html
    # A required answer missing: the error in Polish too.
    refused = client.post(section, {"fresh": "1", "variant": "pl"})
    assert "Wybierz odpowiedź na pytanie" in refused.content.decode()
    who = questions["who"]
    client.post(section, {str(who.pk): who.choices()[0], "variant": "pl"})
    second = client.get(f"/pl/respond/{round_.pk}/section/2/").content.decode()
    assert "Co o tym myślisz?" in second  # the Polish wording of the question


def test_the_language_is_recorded_on_the_response(client, translated):
    round_, questions, _, _ = translated
    section = f"/pl/respond/{round_.pk}/section/1/"
    who = questions["who"]
    client.post(section, {str(who.pk): who.choices()[0], "fresh": "1"})
    views = str(questions["views"].pk)
    client.post(f"/pl/respond/{round_.pk}/section/2/", {views: "Dobrze"})
    sent = client.post(f"/pl/respond/{round_.pk}/check/", {"email": ""})
    assert "Odpowiedź wysłana" in sent.content.decode()
    response = Response.objects.get(round=round_)
    assert response.variant == "pl"
    # Viewing it: the questions in the Polish version's words.
    mine = client.get(f"/pl/respond/done/{response.reference}/manage/")
    assert "Co o tym myślisz?" in mine.content.decode()
    # The same questions as the English version: the answers count together.
    assert response.answers.get(question=who).value == [who.choices()[0]]


@override_settings(LANGUAGES=[("en-gb", "English"), ("pl", "Polski"), ("ar", "ar")])
def test_right_to_left_languages_are_marked(client, translated):
    round_, _, _, _ = translated
    html = client.get(f"/ar/respond/{round_.pk}/").content.decode()
    assert 'lang="ar"' in html_attrs(html) and 'dir="rtl"' in html_attrs(html)


def test_english_addresses_stay_english_whatever_the_browser_asks(client, translated):
    round_, _, _, _ = translated
    html = client.get(
        f"/respond/{round_.pk}/section/1/", HTTP_ACCEPT_LANGUAGE="pl"
    ).content.decode()
    assert 'lang="en-gb"' in html_attrs(html) and "Continue" in html


def test_a_record_may_have_a_page_per_language_but_not_two_pages(translated):
    round_, _, page, polish = translated
    assert set(round_.consultation.pages.all()) == {page.page_ptr.specific, polish}
    assert polish.consultation_id == page.consultation_id
    # The form refuses a second, unrelated page for the same record.
    other = ConsultationPage(title="Another", slug="another", locale=page.locale)
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ConsultationPageForm)
    form = form_class(
        instance=other,
        data={"consultation": round_.consultation.pk},
        for_user=None,
    )
    form.cleaned_data = {"consultation": round_.consultation}
    with pytest.raises(Exception, match="already has a page"):
        form.clean_consultation()
    # ... but not the page's own translation.
    form = form_class(instance=polish, for_user=None)
    form.cleaned_data = {"consultation": round_.consultation}
    assert form.clean_consultation() == round_.consultation
    assert Locale.objects.filter(language_code="pl").exists()


def test_wagtail_localize_translates_a_page_for_the_same_record(site_root):
    """The officer's "Translate this page": the translation presents the same
    record (a foreign key now, so no clash), and is served under /pl/."""
    from wagtail_localize.operations import TranslationCreator

    from consult.accounts.roles import Role
    from tests.consult.analysis.factories import person

    round_, _ = survey_round()
    page = add_consultation_page(
        site_root, title="Parks", slug="parks", consultation=round_.consultation
    )
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    officer = person("officer@example.org", Role.OFFICER)
    TranslationCreator(officer, [polish]).create_translations(page)
    translation = page.get_translation(polish)
    assert translation.specific.consultation == round_.consultation
    assert translation.url == "/pl/consultations/parks/"


def test_the_polish_listing_speaks_polish(client, translated):
    html = client.get("/pl/consultations/").content.decode()
    assert "Filtruj" in html and "Zastosuj filtry" in html
    assert "1 konsultacja" in html  # Polish plural forms
    assert ">Otwarte<" in html and "Zamknięcie" in html  # status and closing time
    assert "Apply filters" not in html and "1 consultation" not in html
    english = client.get("/consultations/").content.decode()
    assert "Apply filters" in english and "1 consultation" in english


def test_a_missing_page_says_so_in_the_address_language(client, site_root):
    polish = client.get("/pl/no-such-page/")
    assert polish.status_code == 404
    html = polish.content.decode()
    assert 'lang="pl"' in html_attrs(html) and "Nie znaleziono strony" in html
    assert "Page not found" not in html
    english = client.get("/no-such-page/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()


@pytest.mark.parametrize(
    ("path", "polish", "english"),
    [
        ("privacy/", "Jak wykorzystujemy Twoje informacje", "How we use your"),
        ("accessibility/", "Deklaracja dostępności", "We want as many people"),
        ("search/?q=plans", "Szukaj konsultacji", "Search for a consultation"),
    ],
)
def test_the_footer_pages_have_polish_addresses(
    client, translated, path, polish, english
):
    html = client.get(f"/pl/{path}").content.decode()
    assert polish in html and english not in html
    assert 'href="/pl/privacy/"' in html  # the footer keeps the language
    english_page = client.get(f"/{path}").content.decode()
    assert english in english_page and 'href="/privacy/"' in english_page
