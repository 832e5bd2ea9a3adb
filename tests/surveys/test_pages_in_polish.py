"""The respondent's pages beyond the survey's own, and the e-mails, in the
language of the address (/pl/...): Polish strings from locale/pl, English
addresses unchanged."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from surveys.equalities import PREFER_NOT
from surveys.models import Consultation, Draft, EqualityMonitoring, Response
from surveys.tasks import send_receipt
from tests.surveys.factories import survey_round
from tests.surveys.test_receipts_and_links import link_in

pytestmark = pytest.mark.django_db


def pl(name, **kwargs):
    """The Polish address of a survey page (/pl/respond/...)."""
    with translation.override("pl"):
        return reverse(f"surveys:{name}", kwargs=kwargs)


def en(name, **kwargs):
    """Its English address (the test client leaves the last page's language on)."""
    with translation.override("en-gb"):
        return reverse(f"surveys:{name}", kwargs=kwargs)


def answer_in_polish(client, round_, q):
    first = pl("section", round_id=round_.pk, number=1)
    client.post(first, {"save": "1", "fresh": "1"})
    client.post(first, {str(q["who"].pk): "Parent or carer"})
    client.post(
        pl("section", round_id=round_.pk, number=2), {str(q["views"].pk): "Dobrze"}
    )


@pytest.fixture
def sent_in_polish(client, django_capture_on_commit_callbacks):
    """A response sent from the Polish pages with an e-mail address."""
    round_, q = survey_round()
    answer_in_polish(client, round_, q)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pl("check", round_id=round_.pk), {"email": "p@example.org"})
    return Response.objects.get()


def test_the_equalities_page_asks_in_polish_and_keeps_english_values(client):
    round_, q = survey_round()
    answer_in_polish(client, round_, q)
    html = client.get(pl("equalities", round_id=round_.pk)).content.decode()
    assert "Monitorowanie równości" in html and "Pomiń tę stronę" in html
    assert "Ile masz lat?" in html and ">Wolę nie podawać<" in html
    assert "Equalities monitoring" not in html and "What is your age?" not in html
    # The values sent and stored stay English, whatever the page's language.
    assert f'value="{PREFER_NOT}"' in html and 'value="Under 16"' in html
    refused = client.post(pl("equalities", round_id=round_.pk), {"religion": "Jedi"})
    assert "Wybierz jedną z opcji w pytaniu „Jakie jest Twoje wyznanie?”" in (
        refused.content.decode()
    )
    client.post(pl("equalities", round_id=round_.pk), {"age_band": "25 to 34"})
    assert Draft.objects.get().equalities == {"age_band": "25 to 34"}
    english = client.get(en("equalities", round_id=round_.pk))
    assert "Equalities monitoring" in english.content.decode()
    assert EqualityMonitoring.objects.count() == 0


def test_the_receipt_is_in_the_language_of_the_pages(client, sent_in_polish):
    (receipt,) = mail.outbox
    assert receipt.subject.startswith(f"Twoja odpowiedź {sent_in_polish.reference}")
    assert "Dziękujemy za odpowiedź" in receipt.body
    assert f"Twój numer referencyjny to {sent_in_polish.reference}." in receipt.body
    assert "Thank you for responding" not in receipt.body
    # Its link opens the Polish pages.
    link = link_in(receipt)
    assert link.startswith("/pl/respond/response/")
    html = client.get(link).content.decode()
    assert f"Twoja odpowiedź {sent_in_polish.reference}" in html
    assert "Wycofaj moją odpowiedź" in html and "Withdraw my response" not in html
    confirm = client.post(link, {"withdraw": "yes"}).content.decode()
    assert "Czy na pewno chcesz wycofać odpowiedź" in confirm
    assert "Tak, wycofaj moją odpowiedź" in confirm and "Yes, withdraw" not in confirm
    done = client.post(link, {"withdraw": "confirmed"}).content.decode()
    assert "Twoja odpowiedź została wycofana" in done


def test_a_queued_receipt_without_a_language_uses_the_versions(sent_in_polish):
    """Rows queued before the language was passed: the version answered decides."""
    mail.outbox.clear()
    Response.objects.filter(pk=sent_in_polish.pk).update(
        receipt_sent_at=None, variant="pl"
    )
    assert send_receipt(str(sent_in_polish.pk)) is True
    assert "Dziękujemy za odpowiedź" in mail.outbox[-1].body
    Response.objects.filter(pk=sent_in_polish.pk).update(
        receipt_sent_at=None, variant="young"
    )
    assert send_receipt(str(sent_in_polish.pk)) is True
    assert "Thank you for responding" in mail.outbox[-1].body
    assert mail.outbox[-1].subject.startswith("Your response")


def test_finding_a_response_in_polish(
    client, sent_in_polish, django_capture_on_commit_callbacks
):
    find = pl("find_response")
    html = client.get(find).content.decode()
    assert "Przejrzyj lub wycofaj swoją odpowiedź" in html
    assert "Twój numer referencyjny" in html and "Wyślij mi link" in html
    assert "Send me a link" not in html
    refused = client.post(find, {}).content.decode()
    assert "Wpisz swój numer referencyjny" in refused
    assert "Enter your reference number" not in refused
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            find, {"reference": sent_in_polish.reference, "email": "p@example.org"}
        ).content.decode()
    assert "Sprawdź swoją pocztę e-mail" in page
    (message,) = mail.outbox
    assert message.subject.startswith("Przejrzyj lub wycofaj odpowiedź")
    assert "Poproszono o link" in message.body
    assert link_in(message).startswith("/pl/respond/response/")
    # The English page is unchanged.
    english = client.get(en("find_response")).content.decode()
    assert "View or withdraw your response" in english and "Wyślij" not in english


def test_refusals_in_polish(client):
    bad = client.get(pl("manage", token="no-such-link"))
    assert bad.status_code == 404
    assert "Ten link nie działa" in bad.content.decode()
    assert "This link does not work" not in bad.content.decode()
    round_, _ = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    refused = client.get(pl("section", round_id=round_.pk, number=1))
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "Użyj osobistego linku z zaproszenia" in html
    assert "Use the personal link" not in html
