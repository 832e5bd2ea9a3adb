"""The population profile: CSV import with row-and-column errors, the admin
import for officers, the illustrative profile, and the respondents' profile
beside it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consult.accounts.roles import Role
from consult.reports.equalities.models import PopulationProfile
from consult.reports.equalities.population import (
    ProfileFileError,
    current_profile,
    install_illustrative_profile,
    read_profile_csv,
)
from consult.reports.equalities.profile import respondent_profile
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import person

from .factories import population, respond_many

pytestmark = pytest.mark.django_db


def errors_of(data: bytes) -> list[str]:
    with pytest.raises(ProfileFileError) as caught:
        read_profile_csv(data)
    return caught.value.errors


def test_a_good_file_reads_every_row_and_accepts_names_and_thousands():
    rows = read_profile_csv(
        "\ufeffCharacteristic,Category,Count\n"
        'Ethnic group,White: Irish,"1,500"\ndisability,Yes,20\n\n'.encode()
    )
    assert [(r.field, r.category, r.count) for r in rows] == [
        ("ethnicity", "White: Irish", 1500),
        ("disability", "Yes", 20),
    ]


def test_every_bad_row_is_reported_with_its_row_and_column():
    errors = errors_of(
        b"characteristic,category,count\n"
        b"ethnic,White,10\n"
        b"ethnicity,Whte: Irish,10\n"
        b"disability,Yes,-3\n"
        b"disability,No,12\n"
        b"disability,No,13\n"
    )
    assert errors[0].startswith("Row 2, column “characteristic”: “ethnic” is not")
    assert errors[1].startswith(
        "Row 3, column “category”: “Whte: Irish” is not an ONS 2021 category for "
        "Ethnic group"
    )
    assert errors[2] == ("Row 4, column “count”: “-3” is not a whole number of people.")
    assert errors[3] == "Row 6: Disability “No” is already given in row 5."
    assert len(errors) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("caractéristique\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"characteristic,category\n", "Missing: count."),
        (b"characteristic,category,count\n", "The file has no rows"),
    ],
)
def test_a_file_that_is_not_a_profile_says_why(data, message):
    assert message in errors_of(data)[0]


def test_illustrative_profile_is_installed_once_and_marked():
    first = install_illustrative_profile()
    assert install_illustrative_profile() == first
    assert first.is_illustrative
    assert first.figures.filter(field="ethnicity").count() == 19
    assert PopulationProfile.objects.count() == 1


def test_the_latest_profile_is_the_one_compared_with():
    install_illustrative_profile()
    real = population(name="Census 2021: Anytown")
    assert current_profile() == real


def _consultation_with_respondents(**round_kwargs):
    round_ = RoundFactory(**round_kwargs)
    # 40 disabled respondents and 60 not: 40% against 20% of the population.
    # 3 women, 70 men, 27 without an answer: women under-represented, and 3
    # is hidden, with another figure withheld beside it.
    for n, monitoring in [
        (3, {"disability": "Yes", "sex": "Female"}),
        (37, {"disability": "Yes", "sex": "Male"}),
        (33, {"disability": "No", "sex": "Male"}),
        (27, {"disability": "No"}),
    ]:
        respond_many(round_, n, monitoring=monitoring)
    return round_.consultation


def test_profile_beside_population_with_suppression_and_flags():
    consultation = _consultation_with_respondents()
    profiles = {p.field: p for p in respondent_profile(consultation, population())}
    disability = {r.category: r for r in profiles["disability"].rows}
    assert disability["Yes"].figure.value == 40
    assert (disability["Yes"].share, disability["Yes"].population) == (40.0, 20.0)
    assert disability["No"].under is True  # 60% against 80%
    assert disability["Yes"].under is False
    sex = {r.category: r for r in profiles["sex"].rows}
    assert str(sex["Female"].figure) == "fewer than 10"
    assert sex["Female"].share is None
    # Women: at most 9 of the 73 who answered, far below 51%: provably under.
    assert sex["Female"].under is True
    # The total is public, so one more figure is withheld (no subtraction
    # gives the 3 back).
    hidden = [f for f in [sex["Male"].figure, profiles["sex"].not_given] if f.hidden]
    assert hidden or profiles["sex"].answered.hidden


@override_settings(EQUALITIES_REPRESENTATION_MARGIN=25)
def test_the_margin_is_a_setting():
    consultation = _consultation_with_respondents()
    profiles = {p.field: p for p in respondent_profile(consultation, population())}
    assert not profiles["disability"].under_represented


def test_evidence_page_for_officers_and_leads_only(client):
    consultation = _consultation_with_respondents()
    install_illustrative_profile()
    url = reverse(
        "reports:equalities:evidence", kwargs={"consultation_id": consultation.pk}
    )
    assert client.get(url).status_code == 302
    client.force_login(person("lead@example.org", Role.PROJECT_LEAD))
    assert client.get(url).status_code == 404
    client.force_login(
        person("own.lead@example.org", Role.PROJECT_LEAD, leads=[consultation])
    )
    page = client.get(url).content.decode()
    assert "The population figures are illustrative" in page
    assert "Under-represented" in page
    assert "fewer than 10" in page
    assert "Whom to reach before it closes" in page  # the round is open


def test_a_closed_consultation_shows_no_outreach(client):
    consultation = _consultation_with_respondents(
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=1),
    )
    population()
    client.force_login(person("officer@example.org", Role.OFFICER))
    page = client.get(
        reverse("reports:equalities:evidence", args=[consultation.pk])
    ).content.decode()
    assert "Whom to reach" not in page
    assert "illustrative" not in page


def test_officers_import_a_profile_in_the_admin_and_others_cannot(client):
    url = reverse("equality_population_import")
    client.force_login(person("lead@example.org", Role.PROJECT_LEAD))
    # Wagtail sends an admin user without permission back to the dashboard.
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    client.force_login(person("officer@example.org", Role.OFFICER))
    bad = client.post(
        url,
        {
            "name": "Census",
            "file": SimpleUploadedFile(
                "p.csv", b"characteristic,category,count\nsex,Femal,10\n"
            ),
        },
    )
    assert "Row 2, column “category”" in bad.content.decode()
    assert not PopulationProfile.objects.exists()
    good = client.post(
        url,
        {
            "name": "Census",
            "source": "ONS",
            "file": SimpleUploadedFile(
                "p.csv", b"characteristic,category,count\nsex,Female,10\nsex,Male,9\n"
            ),
        },
    )
    assert good.status_code == 302
    profile = current_profile()
    assert profile.shares("sex") == {"Female": 10 / 19, "Male": 9 / 19}
    assert "Census" in client.get(reverse("equality_population")).content.decode()


def test_the_page_never_lets_a_total_give_a_small_group_back(client):
    consultation = _consultation_with_respondents()
    population()
    client.force_login(person("officer@example.org", Role.OFFICER))
    page = client.get(
        reverse("reports:equalities:evidence", args=[consultation.pk])
    ).content.decode()
    sex = page[page.index(">Sex</caption>") : page.index(">Gender identity</caption>")]
    # 3 women, 70 men, 27 without an answer, 100 responses. Were 70 and 27
    # both shown, 100 - 70 - 27 would give the 3 back: one is withheld.
    assert "fewer than 10" in sex
    assert not (
        '<td class="govuk-table__cell govuk-table__cell--numeric">70' in sex
        and ">27<" in sex.replace("\n", "")
    )
    assert "withheld" in sex
