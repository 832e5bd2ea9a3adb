"""The equality impact assessment: pre-filled evidence, versions kept with who
changed what, exports, submission to decision-makers, and who may do what."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.accounts.roles import Role
from consult.reports.equalities.assessment import (
    AUDIENCES,
    CHARACTERISTICS,
    latest_submission_for,
)
from consult.reports.equalities.assessment_forms import field_name
from consult.reports.equalities.models import AssessmentVersion, Submission
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import person

from .factories import population, respond_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    round_ = RoundFactory()
    respond_many(round_, 30, monitoring={"disability": "Yes"})
    respond_many(round_, 70, monitoring={"disability": "No"})
    population()
    return round_.consultation


@pytest.fixture
def officer():
    return person("officer@example.org", Role.OFFICER)


def url(name, consultation, **kwargs):
    return reverse(
        f"reports:equalities:{name}",
        kwargs={"consultation_id": consultation.pk, **kwargs},
    )


def form_data(proposal="One front door for all requests for help.", **overrides):
    data = {"proposal": proposal, "note": ""}
    for audience in AUDIENCES:
        for key in CHARACTERISTICS:
            data[field_name(audience, key, "evidence")] = "Evidence"
            data[field_name(audience, key, "impact")] = "not_known"
            data[field_name(audience, key, "mitigation")] = ""
    return data | overrides


def test_the_first_edit_is_prefilled_from_the_evidence(client, consultation, officer):
    client.force_login(officer)
    page = client.get(url("assessment_edit", consultation)).content.decode()
    assert "Respondents who answered: 100 of 100. Under-represented: No." in page
    assert "No evidence from this consultation." in page  # marriage


def test_every_save_is_a_version_with_who_and_what_changed(
    client, consultation, officer
):
    client.force_login(officer)
    edit = url("assessment_edit", consultation)
    assert client.post(edit, form_data()).status_code == 302
    # The same content again makes no new version.
    client.post(edit, form_data())
    changed = form_data(
        **{
            field_name("staff", "disability", "impact"): "negative",
            field_name("staff", "disability", "mitigation"): "Step-free access.",
            "note": "Staff disability impact",
        }
    )
    client.post(edit, changed)
    versions = AssessmentVersion.objects.order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content["staff"]["disability"]["impact"] == "not_known"
    assert versions[1].created_by == officer
    history = client.get(url("assessment_versions", consultation)).content.decode()
    assert "Staff, Disability: impact" in history
    assert "Staff, Disability: mitigation" in history
    assert "officer@example.org" in history
    old = client.get(url("assessment_version", consultation, number=1))
    assert "Version 1" in old.content.decode()


def test_a_missing_proposal_is_a_clear_error(client, consultation, officer):
    client.force_login(officer)
    page = client.post(url("assessment_edit", consultation), form_data(proposal=""))
    assert "Describe the proposal being assessed" in page.content.decode()
    assert not AssessmentVersion.objects.exists()


def test_exports_as_pdf_and_word(client, consultation, officer):
    client.force_login(officer)
    client.post(url("assessment_edit", consultation), form_data())
    pdf = client.get(url("assessment_export", consultation, number=1, fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(url("assessment_export", consultation, number=1, fmt="docx"))
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "One front door for all requests for help." in body
    assert "Version 1" in body
    missing = client.get(url("assessment_export", consultation, number=1, fmt="txt"))
    assert missing.status_code == 404


def test_submission_is_recorded_and_published_with_the_outcome(
    client, consultation, officer
):
    client.force_login(officer)
    client.post(url("assessment_edit", consultation), form_data())
    submit = url("assessment_submit", consultation)
    bad = client.post(
        submit,
        {"version": 1, "meeting": "Cabinet", "day": 31, "month": 2, "year": 2027},
    )
    assert "must be a real date" in bad.content.decode()
    client.post(
        submit,
        {"version": 1, "meeting": "Cabinet", "day": 12, "month": 3, "year": 2027},
    )
    submission = latest_submission_for(consultation)
    assert (submission.meeting, submission.version.number) == ("Cabinet", 1)
    assert str(submission.meeting_date) == "2027-03-12"
    client.logout()
    published = url("assessment_published", consultation, number=1)
    assert client.get(published).status_code == 404  # no outcome yet
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    assert client.get(published).content.startswith(b"%PDF")
    client.force_login(officer)
    client.post(url("assessment_edit", consultation), form_data(proposal="Changed"))
    # Version 2 went to no meeting: not published.
    assert (
        client.get(url("assessment_published", consultation, number=2)).status_code
        == 404
    )


def test_leads_read_officers_edit_others_see_nothing(client, consultation, officer):
    client.force_login(officer)
    client.post(url("assessment_edit", consultation), form_data())
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[consultation])
    client.force_login(lead)
    assert client.get(url("assessment", consultation)).status_code == 200
    assert client.get(url("assessment_edit", consultation)).status_code == 403
    assert client.post(url("assessment_submit", consultation), {}).status_code == 403
    client.force_login(person("other@example.org", Role.PROJECT_LEAD))
    assert client.get(url("assessment", consultation)).status_code == 404
    assert not Submission.objects.exists()


def test_evidence_from_an_illustrative_population_says_so(client, officer):
    from consult.reports.equalities.population import install_illustrative_profile

    round_ = RoundFactory()
    respond_many(round_, 30, monitoring={"disability": "No"})
    install_illustrative_profile()
    client.force_login(officer)
    page = client.get(url("assessment_edit", round_.consultation)).content.decode()
    assert "illustrative population profile, not the area" in page
