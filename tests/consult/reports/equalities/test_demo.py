"""The demo's equality evidence: an illustrative profile and monitoring answers
that go through the real submission (stored apart, linked by HMAC only)."""

import pytest

from consult.reports.equalities.demo import add_demo_responses, seed
from consult.reports.equalities.models import PopulationProfile
from surveys.demo import OPERATING_MODEL, build_survey
from surveys.equalities import response_link
from surveys.models import EqualityMonitoring, Response
from tests.cms.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_demo_responses_carry_monitoring_answers_linked_by_hmac_only():
    survey = build_survey("Demo", "", OPERATING_MODEL)
    round_ = RoundFactory(survey=survey)
    assert add_demo_responses(round_=round_, count=30) == 30
    links = set(EqualityMonitoring.objects.values_list("response_link", flat=True))
    assert {response_link(r.pk) for r in Response.objects.all()} == links
    under_16 = EqualityMonitoring.objects.filter(age_band="Under 16")
    assert not under_16.exclude(sexual_orientation="", gender_identity="").exists()


def test_seed_installs_the_illustrative_profile_without_a_survey():
    seed({})
    assert PopulationProfile.objects.get().is_illustrative
