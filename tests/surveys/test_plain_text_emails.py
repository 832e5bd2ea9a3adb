"""Plain-text e-mails are not HTML-escaped, and their links use the site's address."""

import pytest
from django.core import mail

from surveys.models import Draft
from surveys.services import submit_draft
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def test_receipt_is_plain_text_on_the_site_address(
    settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8100"
    round_, q = survey_round(consultation__title="Children's Services")
    draft = Draft.objects.create(
        round=round_,
        answers={str(q["who"].pk): "Parent or carer"},
        contact_email="p@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit_draft(draft_id=draft.pk)
    body = mail.outbox[0].body
    assert "Children's Services" in body and "&#x27;" not in body
    assert "http://127.0.0.1:8100/respond/response/" in body


def test_start_page_is_captioned_with_the_consultation(client):
    round_, _ = survey_round(consultation__title="Early help")
    html = client.get(f"/respond/{round_.pk}/").content.decode()
    assert '<span class="govuk-caption-l">Early help</span>' in html
    assert "Main round" not in html


def test_a_receipt_links_to_the_address_the_respondent_used(
    client, settings, django_capture_on_commit_callbacks
):
    """Like the save link on screen: not the configured default's port."""
    from tests.surveys.factories import start_response
    from tests.surveys.test_responding import answer_all, url

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["consult.example.gov.uk"]
    round_, q = survey_round()
    client.defaults["HTTP_HOST"] = "consult.example.gov.uk"
    start_response(client, round_)
    answer_all(client, round_, q)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("check", round_), {"email": "p@example.org"})
    assert "http://consult.example.gov.uk/respond/response/" in mail.outbox[0].body
