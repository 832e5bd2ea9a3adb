"""The history of decisions in the admin: tag decisions and codebook changes,
with who and when, limited to the consultations the person may read."""

import pytest
from django.urls import reverse

from consult.accounts.roles import Role
from consult.analysis.models import ThemeAssignment
from consult.analysis.services import (
    analyse_answers,
    decide,
    load_answers,
)
from tests.consult.analysis.factories import (
    add_answers,
    codebook_for,
    free_text_round,
    person,
)

pytestmark = pytest.mark.django_db

REJECTED = ThemeAssignment.Decision.REJECTED


def _decided(by, text="I could never get through on the phone."):
    round_, views = free_text_round()
    answers = add_answers(round_, views, [text])
    codebook = codebook_for(round_.consultation)
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    tag = ThemeAssignment.objects.get(consultation=round_.consultation)
    decide(assignment=tag, user=by, decision=REJECTED)
    return round_.consultation, tag


@pytest.fixture
def people():
    return (
        person("officer@example.org", Role.OFFICER),
        person("lead@example.org", Role.PROJECT_LEAD),
    )


def test_officers_see_every_decision_with_who(client, people):
    officer, _ = people
    mine, _ = _decided(officer)
    client.force_login(officer)
    html = client.get(reverse("tag_decisions:index")).content.decode()
    assert "officer@example.org" in html
    assert "Rejected" in html and "Single front door" in html
    assert mine.title in html


def test_a_lead_sees_only_the_decisions_of_what_they_lead(client, people):
    officer, lead = people
    led, _ = _decided(lead)
    other, _ = _decided(officer)
    led.leads.add(lead)
    client.force_login(lead)
    html = client.get(reverse("tag_decisions:index")).content.decode()
    assert led.title in html and "lead@example.org" in html
    assert other.title not in html
    # Nor can the filter name another consultation.
    filtered = client.get(
        reverse("tag_decisions:index"), {"consultation": other.pk}
    ).content.decode()
    assert other.title not in filtered


def test_nobody_edits_history(client, people):
    officer, _ = people
    _, tag = _decided(officer)
    record = tag.history.get()
    client.force_login(officer)
    html = client.get(reverse("tag_decisions:index")).content.decode()
    assert reverse("tag_decisions:add") not in html
    edit = client.get(reverse("tag_decisions:edit", args=[record.pk]))
    assert edit.status_code == 302  # Wagtail's refusal: back to the dashboard


def test_codebook_changes_show_a_rename_with_who(client, people):
    officer, _ = people
    consultation, tag = _decided(officer)
    theme = tag.theme
    theme.name = "One number for everything"
    theme._history_user = officer
    theme.save()
    client.force_login(officer)
    url = reverse("codebook_changes:index")
    html = client.get(url, {"history_type": "~"}).content.decode()
    assert "One number for everything" in html and "officer@example.org" in html
    listing = client.get(
        reverse("wagtailsnippets_analysis_codebook:list")
    ).content.decode()
    assert f"{url}?codebook={theme.codebook_id}" in listing
