"""The candidate theme pages: who may see and act, and each action."""

import pytest
from django.urls import reverse

from consult.accounts.roles import Role
from consult.analysis.candidate_services import refresh_candidates
from consult.analysis.candidates import CandidateTheme
from consult.analysis.models import Theme
from tests.cms.factories import ConsultationFactory
from tests.consult.analysis.factories import discoverable_consultation, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    return discoverable_consultation()


@pytest.fixture
def proposed(consultation):
    refresh_candidates(consultation=consultation)
    return {c.origin: c for c in consultation.candidate_themes.all()}


def url(name, consultation, candidate=None):
    kwargs = {"consultation_id": consultation.pk}
    if candidate:
        kwargs["candidate_id"] = candidate.pk
    return reverse(name, kwargs=kwargs)


def test_officer_sees_proposals_with_phrases_counts_and_quotes(
    client, officer, consultation, proposed
):
    client.force_login(officer)
    html = client.get(url("analysis_candidates", consultation)).content.decode()
    assert "car park (3)" in html and "waiting list (3)" in html
    assert "Call me on [phone] about the car park." in html
    assert "07700" not in html
    for action in ("Accept", "Rename", "Merge", "Dismiss"):
        assert action in html
    page = client.get(url("analysis_consultation", consultation)).content.decode()
    assert url("analysis_candidates", consultation) in page


def test_looking_again_refreshes_through_the_task(
    client, officer, consultation, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("analysis_candidates_refresh", consultation))
    assert response.status_code == 302
    assert set(consultation.candidate_themes.values_list("origin", flat=True)) == {
        "car park",
        "waiting list",
    }
    assert (
        client.get(url("analysis_candidates_refresh", consultation)).status_code == 405
    )


def test_accept_adds_the_theme(client, officer, consultation, proposed):
    client.force_login(officer)
    candidate = proposed["waiting list"]
    response = client.post(url("analysis_candidate_accept", consultation, candidate))
    assert response.status_code == 302
    theme = Theme.objects.get(codebook__consultation=consultation, key="waiting-list")
    assert "waiting list" in theme.signal_list
    html = client.get(response["Location"]).content.decode()
    assert "is now a theme in the codebook" in html
    # Accepting again says so and adds nothing.
    client.post(url("analysis_candidate_accept", consultation, candidate))
    assert Theme.objects.filter(name="waiting list").count() == 1


def test_rename_with_a_name_and_without(client, officer, consultation, proposed):
    client.force_login(officer)
    candidate = proposed["car park"]
    rename = url("analysis_candidate_rename", consultation, candidate)
    form = client.get(rename).content.decode()
    assert 'value="car park"' in form and 'for="id_label"' in form
    response = client.post(rename, {"label": "   "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_label"' in html
    assert "Enter a name for the candidate theme." in html
    candidate.refresh_from_db()
    assert candidate.label == "car park"
    response = client.post(rename, {"label": "Parking at the hub"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.label == "Parking at the hub"


def test_merge_into_another(client, officer, consultation, proposed):
    client.force_login(officer)
    source, target = proposed["waiting list"], proposed["car park"]
    merge = url("analysis_candidate_merge", consultation, source)
    form = client.get(merge).content.decode()
    assert "car park (3 answers)" in form and "waiting list (3 answers)" not in form
    response = client.post(merge, {})
    assert "Choose the candidate theme to merge into." in response.content.decode()
    response = client.post(merge, {"into": str(source.pk)})
    assert "Choose one of the candidate themes listed." in response.content.decode()
    response = client.post(merge, {"into": str(target.pk)})
    assert response.status_code == 302
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.status, source.merged_into) == ("merged", target)
    assert target.answer_count == 6


def test_dismiss(client, officer, consultation, proposed):
    client.force_login(officer)
    candidate = proposed["car park"]
    response = client.post(url("analysis_candidate_dismiss", consultation, candidate))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.status, candidate.decided_by) == ("dismissed", officer)
    html = client.get(url("analysis_candidates", consultation)).content.decode()
    assert "Decided" in html and "Dismissed" in html
    # A dismissed candidate cannot be accepted behind the page's back.
    client.post(url("analysis_candidate_accept", consultation, candidate))
    assert not Theme.objects.filter(name="car park").exists()


def test_a_lead_acts_on_the_consultations_they_lead(client, consultation, proposed):
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[consultation])
    client.force_login(lead)
    assert client.get(url("analysis_candidates", consultation)).status_code == 200
    candidate = proposed["car park"]
    client.post(url("analysis_candidate_dismiss", consultation, candidate))
    candidate.refresh_from_db()
    assert candidate.status == "dismissed"


def test_a_lead_of_another_consultation_gets_nothing(client, consultation, proposed):
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[ConsultationFactory()])
    client.force_login(lead)
    candidate = proposed["car park"]
    assert client.get(url("analysis_candidates", consultation)).status_code == 404
    for name in (
        "analysis_candidate_accept",
        "analysis_candidate_dismiss",
        "analysis_candidate_rename",
        "analysis_candidate_merge",
    ):
        assert client.post(url(name, consultation, candidate)).status_code == 404
    assert (
        client.post(url("analysis_candidates_refresh", consultation)).status_code == 404
    )
    candidate.refresh_from_db()
    assert candidate.status == "proposed" and candidate.label == "car park"
    assert not Theme.objects.filter(name="car park").exists()


def test_a_candidate_from_another_consultation_is_not_found(
    client, officer, consultation, proposed
):
    client.force_login(officer)
    other = ConsultationFactory()
    stray = CandidateTheme.objects.create(consultation=other, origin="x", label="x")
    assert (
        client.post(url("analysis_candidate_dismiss", consultation, stray)).status_code
        == 404
    )


def test_people_without_a_role_and_visitors_are_kept_out(
    client, consultation, proposed
):
    staff = person("staff@example.org", Role.STAFF)
    consultation.leads.add(staff)
    client.force_login(staff)
    response = client.get(url("analysis_candidates", consultation))
    assert response.status_code in (302, 403, 404)
    client.logout()
    response = client.post(
        url("analysis_candidate_dismiss", consultation, proposed["car park"])
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert proposed["car park"].status == "proposed"
