"""The officers' subject rights page in the Wagtail admin: find a person's data
by e-mail or reference, download it (neutralised CSV), erase it after a
confirmation; every step audited; erasure takes them out of reports and search."""

import csv
import io
import re

import pytest
from django.urls import reverse

from consult.accounts.roles import Role
from consult.audiences.models import Nomination
from consult.audit.models import AuditEntry
from consult.reports.aggregates import refresh_figures
from consult.reports.models import QuoteCandidate
from surveys.equalities import response_link
from surveys.models import Draft, EqualityMonitoring, Response
from surveys.services import submit_draft
from tests.consult.reports.factories import report_world, respond
from tests.surveys.factories import survey_round

from .factories import NominationFactory, invited, user

pytestmark = pytest.mark.django_db

EMAIL = "parent@example.org"
INDEX = reverse("subject_rights:index")
EXPORT = reverse("subject_rights:export")
ERASE = reverse("subject_rights:erase")


@pytest.fixture
def officer(client):
    officer = user("officer@example.org", Role.OFFICER)
    client.force_login(officer)
    return officer


@pytest.fixture
def held():
    """A sent response with equalities answers, a draft, and a nomination with
    an invitation, all by one e-mail address; and someone else's response."""
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
    Draft.objects.create(round=round_, contact_email=EMAIL, answers={})
    nomination = NominationFactory(
        consultation=round_.consultation, email=EMAIL, name="=HYPERLINK(1)"
    )
    invited(nomination, round_)
    other = Response.objects.create(round=round_, reference="SB-OTHER001")
    return response, nomination, other


def test_an_officer_finds_everything_held_and_the_look_up_is_audited(
    client, officer, held
):
    response, nomination, _ = held
    page = client.post(INDEX, {"email": EMAIL.upper()})
    html = page.content.decode()
    assert page.status_code == 200
    assert response.reference in html
    assert "Held (kept apart, not shown)" in html  # equalities: presence only
    assert "Drafts" in html and "Nominations" in html and "Invitations" in html
    assert re.search(r"1 responses, [12] drafts, 1 nominations", html)
    assert "SB-OTHER001" not in html
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUBJECT_FIND)
    assert entry.actor == officer and entry.target == f"Subject {EMAIL.upper()}"
    by_reference = client.post(INDEX, {"reference": response.reference.lower()})
    assert response.reference in by_reference.content.decode()


def test_a_look_up_with_nothing_to_look_for_is_a_clear_error(client, officer):
    page = client.post(INDEX, {"email": "", "reference": ""})
    assert page.status_code == 400
    assert "Enter an e-mail address or a response reference" in page.content.decode()
    bad = client.post(INDEX, {"email": "not an address"})
    assert bad.status_code == 400
    assert "correct format" in bad.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SUBJECT_FIND).exists()


def test_the_download_is_a_neutralised_csv_and_is_audited(client, officer, held):
    response, _, _ = held
    download = client.post(EXPORT, {"email": EMAIL})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["Response", response.round.consultation.title, response.reference,
            "What do you think?", "Mine"] in rows  # fmt: skip
    assert ["Nomination", response.round.consultation.title, "", "Full name",
            "'=HYPERLINK(1)"] in rows  # fmt: skip
    assert any(r[0] == "Draft" and r[3] == "What do you think?" for r in rows)
    assert any(r[0] == "Invitation" for r in rows)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SUBJECT_EXPORT, actor=officer
    ).exists()


def test_download_and_erasure_are_posts_only(client, officer, held):
    assert client.get(EXPORT).status_code == 405
    assert client.get(ERASE).status_code == 405


def test_erasure_asks_first_then_erases_and_is_audited(client, officer, held):
    response, nomination, other = held
    ask = client.post(ERASE, {"email": EMAIL})
    html = ask.content.decode()
    assert ask.status_code == 200
    assert "You cannot undo this" in html and 'name="confirm" value="yes"' in html
    assert Response.objects.filter(pk=response.pk).exists()  # nothing yet
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ERASURE).exists()

    done = client.post(ERASE, {"email": EMAIL, "confirm": "yes"}, follow=True)
    assert "Erased: 1 responses" in done.content.decode()
    assert list(Response.objects.all()) == [other]
    assert not EqualityMonitoring.objects.exists()
    assert not Draft.objects.filter(contact_email=EMAIL).exists()
    nomination.refresh_from_db()
    assert nomination.is_erased and nomination.email == ""
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ERASURE, target=f"Subject {EMAIL}", actor=officer
    ).exists()
    again = client.post(INDEX, {"email": EMAIL})
    assert "We hold no responses, drafts or nominations" in again.content.decode()


def test_erasure_takes_the_person_out_of_reports_and_search_at_once(
    client, officer, settings
):
    settings.REPORT_DISCLOSURE_THRESHOLD = 1  # a few answers, their quotes shown
    world = report_world()
    for n in range(5):
        respond(
            world, who="Staff member", text=f"Others say {n}.", themes={"camhs": 0.1}
        )
    theirs = respond(
        world,
        who="Parent or carer",
        text="My son waited two years for help.",
        themes={"camhs": 0.9},
    )
    Response.objects.filter(pk=theirs.pk).update(contact_email=EMAIL)
    NominationFactory(consultation=world.consultation, email=EMAIL, name="Pat Doe")
    refresh_figures(consultation_id=world.consultation.pk)
    assert QuoteCandidate.objects.filter(text__contains="My son waited").exists()
    report = reverse("reports:report", args=[world.consultation.pk])
    theme = reverse(
        "reports:theme",
        kwargs={"consultation_id": world.consultation.pk, "theme_key": "camhs"},
    )
    search = reverse("nominations:index") + f"?q={EMAIL}"
    assert client.get(report).context["report"].total == 6
    assert "My son waited" in client.get(theme).content.decode()
    assert "Pat Doe" in client.get(search).content.decode()

    client.post(ERASE, {"email": EMAIL, "confirm": "yes"})

    assert not QuoteCandidate.objects.filter(text__contains="My son waited").exists()
    page = client.get(report)
    assert page.context["report"].total == 5
    assert "My son waited" not in page.content.decode()
    assert "My son waited" not in client.get(theme).content.decode()
    assert "Pat Doe" not in client.get(search).content.decode()
    assert Nomination.objects.filter(email=EMAIL).count() == 0
