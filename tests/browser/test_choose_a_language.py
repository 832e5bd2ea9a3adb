"""A respondent chooses Polish on the consultation page: the translated page,
then the Polish survey version in Polish pages, to the confirmation. The
response records the language. Every page is axe-checked."""

import pytest
from playwright.sync_api import expect

from cms.demo_translation import add_polish_translation
from surveys.models import QuestionWording, Response, SurveyVersion
from tests.cms.factories import add_consultation_page
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_respondent_chooses_polish_and_answers_in_it(
    page, live_server, site_root, assert_accessible
):
    round_, q = survey_round()
    round_.survey.include_equalities = False
    round_.survey.save()
    polish = SurveyVersion.objects.create(
        survey=round_.survey,
        variant="pl",
        name="Polski",
        title="Wyraź swoją opinię",
        note="Demo translation",
    )
    QuestionWording.objects.create(
        version=polish, question=q["views"], label="Co o tym myślisz?"
    )
    english = add_consultation_page(
        site_root,
        title="Youth clubs",
        slug="youth-clubs",
        consultation=round_.consultation,
    )
    add_polish_translation(english)

    page.goto(live_server.url + english.url)
    assert_accessible(page, "consultation page offering Polish")
    page.locator("#page-languages").get_by_role("link", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("#translation-note")).to_contain_text("demo translation")
    assert_accessible(page, "consultation page in Polish")

    page.get_by_role("button", name="Weź udział w konsultacjach").click()
    expect(page.locator(".govuk-caption-l")).to_have_text("Część 1 z 2")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_role("button", name="Dalej").click()  # nothing chosen: an error
    expect(page.get_by_role("alert")).to_contain_text("Wybierz odpowiedź")
    assert_accessible(page, "first section in Polish, with an error")
    page.get_by_label(q["who"].choices()[0]).check()
    page.get_by_role("button", name="Dalej").click()
    expect(page.get_by_label("Co o tym myślisz? (opcjonalnie)")).to_be_visible()
    assert_accessible(page, "second section, the Polish wording")
    page.get_by_label("Co o tym myślisz? (opcjonalnie)").fill("Dobrze")
    page.get_by_role("button", name="Dalej").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprawdź odpowiedzi")
    assert_accessible(page, "check your answers in Polish")
    page.get_by_role("button", name="Wyślij odpowiedź").click()
    expect(page.get_by_role("heading", name="Odpowiedź wysłana")).to_be_visible()
    assert_accessible(page, "confirmation in Polish")

    response = Response.objects.get()
    assert response.variant == "pl"
    assert response.answers.get(question=q["views"]).text == "Dobrze"
