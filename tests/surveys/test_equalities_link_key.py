"""The equalities link has a key of its own, with rotation that keeps withdrawal
deleting the monitoring answers stored under an earlier key."""

import pytest
from django.test import override_settings

from surveys import services
from surveys.equalities import response_link
from surveys.models import EqualityMonitoring, Response
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def response_with_monitoring():
    round_, _ = survey_round()
    response = Response.objects.create(round=round_, reference="SB-KEYTEST1")
    EqualityMonitoring.objects.create(
        round=round_, response_link=response_link(response.pk)
    )
    return response


def test_rotating_secret_key_keeps_withdrawal_deleting_equalities():
    with override_settings(SECRET_KEY="s1" * 30, EQUALITIES_LINK_KEY="e" * 60):
        response = response_with_monitoring()
    with override_settings(SECRET_KEY="s2" * 30, EQUALITIES_LINK_KEY="e" * 60):
        assert services.withdraw_response(response=response)
    assert not EqualityMonitoring.objects.exists()


def test_rotating_the_link_key_keeps_withdrawal_working_through_old_keys():
    with override_settings(EQUALITIES_LINK_KEY="old" * 20):
        response = response_with_monitoring()
    with override_settings(
        EQUALITIES_LINK_KEY="new" * 20, EQUALITIES_LINK_OLD_KEYS=["old" * 20]
    ):
        assert services.withdraw_response(response=response)
    assert not EqualityMonitoring.objects.exists()
