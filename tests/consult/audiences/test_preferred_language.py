"""A nominee's preferred language is a code of a language the site speaks:
typed, uploaded or migrated, "Polish", "polski" and "pl" become "pl", and a
language the site does not speak is kept in the access needs, not lost."""

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consult.audiences.languages import language_code, split_language
from consult.audiences.models import Nomination

from .factories import NominationFactory, ServiceFactory, manager_of, targeted_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("pl", "pl"),
        ("Polish", "pl"),
        ("polski", "pl"),
        ("  POLISH ", "pl"),
        ("English", "en-gb"),
        ("en", "en-gb"),
        ("British English", "en-gb"),
        ("Urdu", ""),
        ("", ""),
    ],
)
def test_language_code_recognises_codes_and_names(text, code):
    assert language_code(text) == code


def test_a_language_the_site_does_not_speak_becomes_a_note():
    assert split_language("Urdu") == ("", "Preferred language: Urdu")
    assert split_language("polski") == ("pl", "")


def test_the_form_offers_the_site_languages_only(client):
    round_, _ = targeted_round()
    service = ServiceFactory()
    round_.consultation.services.set([service])
    client.force_login(manager_of(service))
    url = reverse("audiences:add", kwargs={"consultation_id": round_.consultation.pk})
    page = client.get(url).content.decode()
    assert '<option value="pl">polski</option>' in page
    data = {
        "service": str(service.pk),
        "name": "Alex Parent",
        "email": "alex@example.org",
        "relationship": "parent_carer",
        "preferred_language": "Urdu",
        "consent_to_contact": "on",
    }
    assert client.post(url, data).status_code == 400  # refused: not a choice
    assert not Nomination.objects.exists()
    client.post(url, {**data, "preferred_language": "pl"})
    assert Nomination.objects.get().preferred_language == "pl"


def test_an_upload_maps_names_to_codes_and_keeps_the_rest(
    client, django_capture_on_commit_callbacks
):
    round_, _ = targeted_round()
    service = ServiceFactory()
    round_.consultation.services.set([service])
    client.force_login(manager_of(service))
    url = reverse(
        "audiences:upload", kwargs={"consultation_id": round_.consultation.pk}
    )
    text = (
        "name,email,mobile,relationship,preferred_language,access_needs,consent\n"
        "Ewa,ewa@example.org,,parent or carer,Polski,,yes\n"
        "Asha,asha@example.org,,parent or carer,Urdu,Large print,yes\n"
    )
    file = SimpleUploadedFile("n.csv", text.encode(), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"service": str(service.pk), "file": file})
    assert Nomination.objects.get(name="Ewa").preferred_language == "pl"
    asha = Nomination.objects.get(name="Asha")
    assert asha.preferred_language == ""
    assert asha.access_needs == "Large print\nPreferred language: Urdu"


def test_the_migration_maps_free_text_and_keeps_what_it_cannot():
    migration = importlib.import_module(
        "consult.audiences.migrations.0005_preferred_language_codes"
    )
    round_, _ = targeted_round()
    made = {
        text: NominationFactory(consultation=round_.consultation, access_needs=needs)
        for text, needs in (
            ("Polish", ""),
            ("pl", ""),
            ("English", "Easy read"),
            ("Somali", "Easy read"),
            (" POLSKI ", ""),
            ("", ""),
        )
    }
    # As the free text was before the column took codes only (short enough
    # for the narrowed column: the function is what is tested here).
    for text, nomination in made.items():
        Nomination.objects.filter(pk=nomination.pk).update(preferred_language=text)
    migration.to_codes(apps, None)
    after = {
        text: Nomination.objects.values_list("preferred_language", "access_needs").get(
            pk=nomination.pk
        )
        for text, nomination in made.items()
    }
    assert after == {
        "Polish": ("pl", ""),
        "pl": ("pl", ""),
        "English": ("en-gb", "Easy read"),
        "Somali": ("", "Easy read\nPreferred language: Somali"),
        " POLSKI ": ("pl", ""),
        "": ("", ""),
    }
