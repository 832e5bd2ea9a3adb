"""Subject rights: find by e-mail or reference, export, erase (from reports too)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from consult.audiences.subject_rights import erase_subject, export_subject, find_subject
from consult.audit.models import AuditEntry
from surveys.equalities import response_link
from surveys.models import Answer, Draft, EqualityMonitoring, Response
from surveys.services import submit_draft
from tests.surveys.factories import survey_round

from .factories import NominationFactory

pytestmark = pytest.mark.django_db

EMAIL = "parent@example.org"


@pytest.fixture
def person():
    round_, q = survey_round()
    draft = Draft.objects.create(
        round=round_,
        contact_email=EMAIL,
        answers={str(q["who"].pk): "Parent or carer", str(q["views"].pk): "Mine"},
    )
    response = submit_draft(draft_id=draft.pk)
    EqualityMonitoring.objects.create(
        round=round_, response_link=response_link(response.pk)
    )
    nomination = NominationFactory(consultation=round_.consultation, email=EMAIL)
    other = Response.objects.create(round=round_, reference="SB-OTHER001")
    return response, nomination, other


def test_found_by_email_or_reference(person):
    response, nomination, _ = person
    by_email = find_subject(email=EMAIL.upper())
    assert by_email.responses == [response] and by_email.nominations == [nomination]
    assert find_subject(reference=response.reference.lower()).responses == [response]


def test_export_holds_their_answers_and_contact_details(person):
    response, _, _ = person
    data = export_subject(find_subject(email=EMAIL))
    assert data["responses"][0]["reference"] == response.reference
    assert {"question": "What do you think?", "answer": ["Mine"]} in data["responses"][
        0
    ]["answers"]
    assert data["nominations"][0]["email"] == EMAIL
    assert AuditEntry.objects.filter(action="subject_export").exists()


def test_erasure_removes_everything_and_leaves_others(person):
    response, nomination, other = person
    erase_subject(find_subject(email=EMAIL))
    assert list(Response.objects.all()) == [other]
    assert not Answer.objects.filter(response_id=response.pk).exists()
    assert not EqualityMonitoring.objects.exists()
    nomination.refresh_from_db()
    assert nomination.is_erased and nomination.email == ""
    assert find_subject(email=EMAIL).empty
    assert AuditEntry.objects.filter(
        action="erasure", target=f"Subject {EMAIL}"
    ).exists()


def test_the_command_refuses_erasure_without_confirmation(person):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="add --yes"):
        call_command("subject_rights", "erase", email=EMAIL)
    out = StringIO()
    call_command("subject_rights", "export", email=EMAIL, stdout=out)
    assert json.loads(out.getvalue())["responses"]
