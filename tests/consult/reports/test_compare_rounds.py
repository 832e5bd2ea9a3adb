"""The compare-rounds report: its numbers, its CSV, and who may read it."""

import csv
import io

import pytest
from django.urls import reverse

from consult.accounts.roles import Role
from consult.audiences.review import CONFIRMED, DISAGREED, PARTLY
from consult.reports.comparison import compare_rounds
from tests.cms.factories import ConsultationFactory
from tests.consult.analysis.factories import person
from tests.consult.audiences.review_helpers import (
    closed_consultation,
    open_review,
    review_response,
)

pytestmark = pytest.mark.django_db
DOOR, CAMHS, SITE = "Single front door", "CAMHS", "Relocation to one site"


@pytest.fixture
def reviewed(db):
    consultation, main, answers, _ = closed_consultation()
    round_ = open_review(consultation)
    review_response(
        round_,
        checks={DOOR: CONFIRMED, CAMHS: PARTLY},
        corrections={CAMHS: "Call me on 07700 900123: you missed the waiting list."},
        ranking=[CAMHS, DOOR, SITE],
    )
    review_response(
        round_,
        checks={DOOR: CONFIRMED, CAMHS: DISAGREED, SITE: DISAGREED},
        corrections={SITE: "   "},  # blank: not a correction
        ranking=[DOOR, CAMHS, SITE],
    )
    withdrawn = review_response(
        round_, checks={DOOR: DISAGREED}, ranking=[SITE, CAMHS, DOOR]
    )
    withdrawn.withdrawn_at = withdrawn.submitted_at
    withdrawn.save()
    return consultation


def test_numbers_per_round_and_per_theme(reviewed):
    comparison = compare_rounds(reviewed)
    assert (comparison.main_responses, comparison.review_responses) == (4, 2)
    by_name = {t.name: t for t in comparison.themes}
    door, camhs, site = by_name[DOOR], by_name[CAMHS], by_name[SITE]
    assert [t.name for t in comparison.themes] == [DOOR, CAMHS, SITE]
    assert (door.main_answers, door.confirmed, door.partly, door.disagreed) == (
        2,
        2,
        0,
        0,
    )
    assert (camhs.main_answers, camhs.confirmed, camhs.partly, camhs.disagreed) == (
        1,
        0,
        1,
        1,
    )
    assert (site.disagreed, site.corrections) == (1, 0)
    assert camhs.corrections == 1
    assert camhs.quotes == ["Call me on [phone]: you missed the waiting list."]
    assert (door.average_rank, camhs.average_rank, site.average_rank) == (1.5, 1.5, 3.0)


def test_officer_reads_the_page_and_the_csv(client, reviewed):
    client.force_login(person("officer@example.org", Role.OFFICER))
    page = client.get(reverse("reports:compare", args=[reviewed.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<table class="govuk-table">' in html
    assert "Call me on [phone]" in html and "07700" not in html
    download = client.get(reverse("reports:compare_csv", args=[reviewed.pk]))
    assert download["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert table[0][0] == "theme"
    assert table[1] == [DOOR, "2", "2", "0", "0", "0", "1.5"]
    assert table[2] == [CAMHS, "1", "0", "1", "1", "1", "1.5"]


def test_only_officers_and_this_consultations_leads(client, reviewed):
    url = reverse("reports:compare", args=[reviewed.pk])
    csv_url = reverse("reports:compare_csv", args=[reviewed.pk])
    assert client.get(url).status_code == 302  # to sign in
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[reviewed])
    client.force_login(lead)
    assert client.get(url).status_code == 200
    other_lead = person(
        "other@example.org", Role.PROJECT_LEAD, leads=[ConsultationFactory()]
    )
    client.force_login(other_lead)
    assert client.get(url).status_code == 404
    assert client.get(csv_url).status_code == 404
    client.force_login(person("staff@example.org", Role.STAFF))
    assert client.get(url).status_code == 404
