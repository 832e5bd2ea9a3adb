"""The Analysis admin pages: who sees what, and the actions on them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consult.accounts.roles import Role
from consult.analysis.models import AnalysisRun, Codebook, ThemeAssignment
from consult.analysis.services import analyse_answers, load_answers
from tests.cms.factories import ConsultationFactory
from tests.consult.analysis.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(answered):
    consultation, codebook, answers = answered
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    return consultation, codebook, answers


def _url(name, consultation, **kwargs):
    return reverse(name, kwargs={"consultation_id": consultation.pk, **kwargs})


def test_officer_sees_themes_quotes_and_progress(client, officer, tagged):
    consultation, codebook, _ = tagged
    client.force_login(officer)
    index = client.get(reverse("analysis_index"))
    assert consultation.title in index.content.decode()
    page = client.get(_url("analysis_consultation", consultation)).content.decode()
    assert "Single front door" in page
    assert "My son waited a year for CAMHS." in page
    assert "Run analysis" in page
    assert "Learnt model:" in page and "none yet" in page
    theme = codebook.themes.get(key="front-door")
    html = client.get(
        _url("analysis_theme", consultation, theme_id=theme.pk)
    ).content.decode()
    assert "<mark>" in html and "Confirm" in html and "Reject" in html


def test_running_shows_progress_and_cancel(client, officer, tagged):
    consultation, _, _ = tagged
    client.force_login(officer)
    # Without on_commit callbacks the run stays queued, as with busy workers.
    response = client.post(_url("analysis_run", consultation))
    assert response.status_code == 302
    run = AnalysisRun.objects.get()
    html = client.get(_url("analysis_consultation", consultation)).content.decode()
    assert "<progress" in html and "Refresh progress" in html
    assert "Cancel analysis" in html
    client.post(_url("analysis_cancel", consultation))
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.CANCELLED


def test_a_lead_reviews_only_what_they_lead(client, tagged):
    consultation, codebook, answers = tagged
    other = ConsultationFactory()
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[other])
    client.force_login(lead)
    assert client.get(_url("analysis_consultation", consultation)).status_code == 404
    theme = codebook.themes.get(key="camhs")
    assert (
        client.get(_url("analysis_theme", consultation, theme_id=theme.pk)).status_code
        == 404
    )
    tag = ThemeAssignment.objects.get(theme=theme)
    url = reverse("analysis_decide", kwargs={"assignment_id": tag.pk})
    assert client.post(url, {"decision": "rejected"}).status_code == 404
    tag.refresh_from_db()
    assert tag.decision == "pending"
    index = client.get(reverse("analysis_index")).content.decode()
    assert consultation.title not in index and other.title in index


def test_a_lead_confirms_and_rejects_on_their_consultation(client, tagged):
    consultation, codebook, answers = tagged
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[consultation])
    client.force_login(lead)
    theme = codebook.themes.get(key="camhs")
    assert (
        client.get(_url("analysis_theme", consultation, theme_id=theme.pk)).status_code
        == 200
    )
    tag = ThemeAssignment.objects.get(theme=theme)
    url = reverse("analysis_decide", kwargs={"assignment_id": tag.pk})
    response = client.post(
        url, {"decision": "confirmed", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and "evil" not in response["Location"]
    tag.refresh_from_db()
    assert (tag.decision, tag.decided_by) == ("confirmed", lead)
    client.post(url, {"decision": "rejected"})
    tag.refresh_from_db()
    assert tag.decision == "rejected"
    # Leads review; they do not run analysis or change the codebook (Wagtail
    # turns the refusal into a redirect to the dashboard with a message).
    for response in (
        client.post(_url("analysis_run", consultation)),
        client.get(_url("analysis_import", consultation)),
    ):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    assert not AnalysisRun.objects.exists()


def test_people_without_a_role_are_kept_out(client, tagged):
    consultation, _, _ = tagged
    staff = person("staff@example.org", Role.STAFF)
    consultation.leads.add(staff)
    client.force_login(staff)
    response = client.get(_url("analysis_consultation", consultation))
    assert response.status_code in (302, 403, 404)
    client.logout()
    response = client.get(reverse("analysis_index"))
    assert response.status_code == 302


def test_codebook_exports_and_imports(client, officer, tagged):
    consultation, codebook, _ = tagged
    client.force_login(officer)
    csv_body = client.get(
        _url("analysis_export", consultation, fmt="csv")
    ).content.decode()
    assert csv_body.startswith("key,name,description,signals,exclusions,parent")
    assert "one-site" in csv_body
    assert (
        client.get(_url("analysis_export", consultation, fmt="exe")).status_code == 404
    )
    qdc = client.get(_url("analysis_export", consultation, fmt="qdc")).content
    assert b"CodeBook" in qdc
    upload = SimpleUploadedFile(
        "codebook.qdc", qdc.replace(b"CAMHS", b"Mental health services")
    )
    response = client.post(_url("analysis_import", consultation), {"file": upload})
    assert response.status_code == 302
    names = set(codebook.themes.values_list("name", flat=True))
    assert "Mental health services" in names
    parking = codebook.themes.get(key="parking")
    assert parking.parent.key == "one-site"


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("themes.csv", b"label\nx\n", "needs at least a &#x27;name&#x27; column"),
        ("themes.csv", b"name,parent\nA,nowhere\n", "Unknown parent"),
        ("themes.csv", "name\nCaf\xe9\n".encode("latin-1"), "not UTF-8"),
        ("themes.qdc", b"<not-xml", "not a readable REFI-QDA codebook"),
        ("themes.txt", b"name\nA\n", "Choose a .csv or .qdc file"),
    ],
)
def test_a_bad_codebook_file_says_why_and_changes_nothing(
    client, officer, tagged, name, body, message
):
    consultation, codebook, _ = tagged
    client.force_login(officer)
    before = list(codebook.themes.values_list("key", "name"))
    response = client.post(
        _url("analysis_import", consultation),
        {"file": SimpleUploadedFile(name, body)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(codebook.themes.values_list("key", "name")) == before


def test_codebook_snippet_edits_themes_inline(client, officer, tagged):
    _, codebook, _ = tagged
    client.force_login(officer)
    url = reverse("wagtailsnippets_analysis_codebook:edit", args=[codebook.pk])
    html = client.get(url).content.decode()
    assert "Single front door" in html and "Signals" in html
    assert Codebook.objects.count() == 1


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_read_in_bulk_whatever_the_number_of_answers(client, officer, tagged):
    from tests.consult.analysis.factories import add_answers

    consultation, codebook, _ = tagged
    client.force_login(officer)
    theme = codebook.themes.get(key="front-door")
    urls = [
        _url("analysis_consultation", consultation),
        _url("analysis_theme", consultation, theme_id=theme.pk),
    ]
    before = [_queries(client, url) for url in urls]
    round_ = consultation.rounds.get()
    more = add_answers(
        round_,
        round_.survey.questions.get(),
        [f"Answer {i}: one number to phone, and CAMHS." for i in range(20)],
    )
    analyse_answers(answers=load_answers(a.pk for a in more), codebook=codebook)
    assert [_queries(client, url) for url in urls] == before


def test_a_failed_run_shows_its_error(client, officer, tagged):
    consultation, _, _ = tagged
    AnalysisRun.objects.create(
        consultation=consultation,
        pipeline_version="2",
        status=AnalysisRun.Status.FAILED,
        error="Missing NLTK data: wordnet (needed for lemmas and word relations).",
    )
    client.force_login(officer)
    html = client.get(_url("analysis_consultation", consultation)).content.decode()
    assert "The analysis stopped:" in html and "Missing NLTK data: wordnet" in html
    assert "Run analysis again" in html


def test_officer_edits_themes_inline_with_a_parent_from_the_same_codebook(
    client, officer, tagged
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    consultation, codebook, _ = tagged
    other = ConsultationFactory()
    from tests.consult.analysis.factories import codebook_for

    foreign = codebook_for(other).themes.get(key="camhs")
    client.force_login(officer)
    themes = list(codebook.themes.order_by("sort_order"))
    site = next(t for t in themes if t.key == "one-site")

    def data(parent):
        rows = [
            {
                "id": t.pk,
                "name": t.name,
                "key": t.key,
                "description": t.description,
                "signals": t.signals,
                "exclusions": t.exclusions,
                "parent": parent if t.key == "parking" else (t.parent_id or ""),
            }
            for t in themes
        ]
        rows[0]["signals"] = "front door\none number\nhelpline"
        return nested_form_data(
            {
                "consultation": consultation.pk,
                "themes": inline_formset(rows, initial=len(rows)),
            }
        )

    url = reverse("wagtailsnippets_analysis_codebook:edit", args=[codebook.pk])
    refused = client.post(url, data(foreign.pk))
    assert refused.status_code == 200  # the form again, with the error
    assert codebook.themes.get(key="parking").parent == site
    response = client.post(url, data(site.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    door = codebook.themes.get(key="front-door")
    assert door.signal_list == ["front door", "one number", "helpline"]


def test_the_stored_model_and_its_progress_are_shown(client, officer, tagged):
    from consult.analysis.training import fit_model

    consultation, codebook, _ = tagged
    fit_model(codebook=codebook)
    client.force_login(officer)
    page = client.get(_url("analysis_consultation", consultation)).content.decode()
    assert "Learnt model:" in page and "Ready: Fitted on 0 decided answers" in page
