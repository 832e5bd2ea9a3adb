import pytest
from django.core.management import call_command

from cms.models import ConsultationPage, HomePage, OutcomePage
from consult.accounts.models import User
from consult.reports.equalities.demo import DEMO_RESPONSES
from surveys.models import Answer, Consultation, Response

pytestmark = pytest.mark.django_db


# One seeding for everything the demo must hold: seeding takes most of a
# minute, so each further check is a function called from this one test.
def test_demo_builds_the_reference_consultation_site(client):
    call_command("seed_demo", verbosity=0)
    _has_the_reference_site(client)
    _has_assisted_responses()
    _if_empty_leaves_it_alone()


def _has_the_reference_site(client):
    assert User.objects.filter(groups__name="Officer").exists()
    english = {"locale__language_code": "en-gb"}
    assert HomePage.objects.filter(**english).count() == 1
    pages = {p.slug: p for p in ConsultationPage.objects.live().filter(**english)}
    model = pages["new-operating-model"]
    assert model.consultation.status == Consultation.Status.OPEN
    assert model.consultation.review_round is not None
    components = next(b for b in model.body if b.block_type == "key_components")
    assert len(components.value["components"]) == 7
    assert {d.is_easy_read for d in model.documents.all()} == {True, False}
    assert pages["staff-reorganisation"].consultation.audience == "staff"
    assert pages["childrens-centre-opening-hours"].consultation.status == "outcome"
    assert OutcomePage.objects.live().count() == 1
    main_round = model.consultation.main_round
    assert main_round.survey.questions.count() == 11
    # 40 demo responses, and more with equalities monitoring answers.
    assert main_round.responses.count() == 40 + DEMO_RESPONSES
    assert (
        Answer.objects.current().free_text().filter(response__round=main_round).exists()
    )
    pilot = pages["one-front-door-pilot"].consultation
    assert pilot.status == Consultation.Status.REVIEW
    assert pilot.review_round.responses.count() == 6
    assert (
        "What we heard"
        in client.get(pages["one-front-door-pilot"].url).content.decode()
    )
    html = client.get("/").content.decode()
    assert "A new operating model for Children&#x27;s Services" in html
    # One translated page, clearly marked as a demo translation, presenting
    # the same record; its start button leads to the Polish survey version.
    polish = ConsultationPage.objects.live().get(locale__language_code="pl")
    assert polish.consultation == model.consultation
    assert "Demo translation" in polish.translation_note or "demo" in (
        polish.translation_note
    )
    polish_html = client.get(polish.url).content.decode()
    assert polish.url == "/pl/consultations/new-operating-model/"
    assert 'lang="pl"' in polish_html and "Tłumaczenie demonstracyjne" in polish_html
    assert main_round.survey.versions.filter(variant="pl").exists()
    assert "Ta strona w innych językach" in polish_html  # back to English


def _has_assisted_responses():
    assisted = Response.objects.assisted()
    assert {r.channel_description() for r in assisted} == {
        "Assisted with translation (Polish)",
        "Assisted in person",
        "Assisted by phone",
    }
    assert all(r.assisted_by.email == "staff@example.org" for r in assisted)
    assert Response.objects.self_completed().count() == Response.objects.count() - 3


def _if_empty_leaves_it_alone():
    responses = Response.objects.count()
    call_command("seed_demo", "--if-empty", verbosity=0)
    assert ConsultationPage.objects.count() == 5 + 1  # and the Polish translation
    assert Response.objects.count() == responses
