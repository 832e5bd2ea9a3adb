"""Officers plan a review period in the admin; nobody else can."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.accounts.roles import Role
from consult.audiences.models import Invitation
from surveys.models import Round
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import person

from .review_helpers import DAY, closed_consultation, consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(db):
    consultation, main, answers, _ = closed_consultation()
    consent(answers[0].response, "parent@example.org")
    return consultation


def _when(delta):
    return (timezone.localtime() + delta).strftime("%Y-%m-%d %H:%M")


def test_officer_opens_a_review_period_from_the_draft_themes(client, closed):
    client.force_login(person("officer@example.org", Role.OFFICER))
    listing = client.get(reverse("wagtailsnippets_surveys_consultation:list"))
    url = reverse("review_periods:open", args=[closed.pk])
    assert url in listing.content.decode()  # the "Review period" button
    form = client.get(url).content.decode()
    assert "1. Single front door (2 answers)" in form  # the summary, pre-filled
    assert "Single front door (2 answers)" in form

    themes = [str(t.pk) for t in closed.codebook.themes.filter(key="front-door")]
    refused = client.post(
        url,
        {
            "opens_at": _when(-DAY),
            "closes_at": _when(-2 * DAY),
            "summary": "We heard",
            "themes": themes,
        },
    )
    assert refused.status_code == 400
    assert "The review period must close after it opens" in refused.content.decode()

    done = client.post(
        url,
        {
            "opens_at": _when(-DAY / 2),
            "closes_at": _when(14 * DAY),
            "summary": "We heard about the front door.",
            "themes": themes,
        },
    )
    assert done.status_code == 302
    round_ = Round.objects.get(consultation=closed, kind=Round.Kind.REVIEW)
    assert round_.summary == "We heard about the front door."
    assert round_.survey.questions.count() == 3  # one theme: check, correct, rank
    assert Invitation.objects.filter(round=round_).count() == 1
    index = client.get(reverse("review_periods:index")).content.decode()
    assert reverse("reports:compare", args=[closed.pk]) in index


def test_not_before_the_main_round_closes(client):
    client.force_login(person("officer@example.org", Role.OFFICER))
    open_round = RoundFactory()
    url = reverse("review_periods:open", args=[open_round.consultation.pk])
    assert client.get(url).status_code == 302
    assert not Round.objects.filter(kind=Round.Kind.REVIEW).exists()


def _refused(response) -> bool:
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard,
    # and sends people without admin access to its sign-in page.
    return response.status_code == 403 or (
        response.status_code == 302
        and (
            response.url == reverse("wagtailadmin_home")
            or response.url.startswith(reverse("wagtailadmin_login"))
        )
    )


@pytest.mark.parametrize("role", [Role.PROJECT_LEAD, Role.SERVICE_MANAGER])
def test_only_officers(client, closed, role):
    client.force_login(person("someone@example.org", role, leads=[closed]))
    assert _refused(client.get(reverse("review_periods:index")))
    url = reverse("review_periods:open", args=[closed.pk])
    assert _refused(client.get(url))
    assert _refused(client.post(url, {"summary": "x"}))
    assert not Round.objects.filter(kind=Round.Kind.REVIEW).exists()
