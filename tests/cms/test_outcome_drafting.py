"""Drafting the outcome page from the report, and commitments on the public page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import Commitment, OutcomePage
from cms.outcome_drafting import draft_outcome
from consult.accounts.roles import Role
from tests.cms.factories import add_consultation_page
from tests.consult.analysis.factories import person
from tests.consult.reports.factories import random_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_root):
    world = random_world(50, seed=21)
    add_consultation_page(
        site_root, title="Family services", consultation=world.consultation
    )
    return world


@pytest.fixture
def officer(db):
    return person("officer@example.org", Role.OFFICER)


def test_an_officer_drafts_the_outcome_from_the_report(client, world, officer):
    client.force_login(officer)
    url = reverse("cms_draft_outcome", args=[world.consultation.pk])
    response = client.post(url)
    page = OutcomePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.has_unpublished_changes
    report = client.get(
        reverse("reports:report", args=[world.consultation.pk])
    ).context["report"]
    for theme in report.themes:
        assert theme.name in page.you_said
        for point in theme.key_points:
            assert point in page.you_said
    commitments = list(page.commitments.all())
    assert [c.theme for c in commitments] == [t.name for t in report.themes]
    assert {(c.kind, c.text, c.status) for c in commitments} == {
        ("we_will", "", "planned")
    }
    # Again: the same page, the officer's edits kept.
    client.post(url)
    assert OutcomePage.objects.count() == 1


def test_a_lead_cannot_draft_the_outcome(client, world):
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[world.consultation])
    client.force_login(lead)
    response = client.post(reverse("cms_draft_outcome", args=[world.consultation.pk]))
    assert response.status_code in (302, 403)
    assert not OutcomePage.objects.exists()


def test_the_public_page_shows_each_commitment_and_when_its_status_changed(
    client, world, officer
):
    draft = draft_outcome(consultation=world.consultation, user=officer)
    page = draft.get_latest_revision_as_object()
    first = page.commitments.all()[0]
    first.text, first.owner = "Open one front door line", "Early help team"
    first.due_date = timezone.localdate() + timedelta(days=60)
    page.we_did = "<p>We listened.</p>"
    page.save_revision(user=officer).publish()
    saved = Commitment.objects.get(page=page, theme=first.theme)
    when = saved.status_changed_at
    # A later edit that keeps the status keeps its date; a new status moves it.
    page = OutcomePage.objects.get(pk=page.pk)
    page.save_revision(user=officer).publish()
    assert Commitment.objects.get(pk=saved.pk).status_changed_at == when
    saved.status = Commitment.Status.IN_PROGRESS
    saved.save()
    assert Commitment.objects.get(pk=saved.pk).status_changed_at > when
    html = client.get(page.url).content.decode()
    assert "Open one front door line" in html
    assert "Early help team" in html
    assert "In progress" in html
    assert f"since {timezone.localtime(saved.status_changed_at):%-d %B %Y}" in html
