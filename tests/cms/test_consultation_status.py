from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Consultation, Round
from tests.cms.factories import ConsultationFactory, RoundFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = timedelta(days=1)


def consultation_with(main=None, review=None, outcome=None):
    consultation = ConsultationFactory(outcome_published_at=outcome)
    if main:
        RoundFactory(consultation=consultation, opens_at=main[0], closes_at=main[1])
    if review:
        RoundFactory(
            consultation=consultation,
            kind=Round.Kind.REVIEW,
            opens_at=review[0],
            closes_at=review[1],
        )
    return Consultation.objects.prefetch_related("rounds").get(pk=consultation.pk)


@pytest.mark.parametrize(
    ("main", "review", "outcome", "expected"),
    [
        (None, None, None, Consultation.Status.DRAFT),
        ((NOW + DAY, NOW + 30 * DAY), None, None, Consultation.Status.UPCOMING),
        ((NOW - DAY, NOW + DAY), None, None, Consultation.Status.OPEN),
        ((NOW - 30 * DAY, NOW - DAY), None, None, Consultation.Status.CLOSED),
        (
            (NOW - 30 * DAY, NOW - 10 * DAY),
            (NOW - DAY, NOW + DAY),
            None,
            Consultation.Status.REVIEW,
        ),
        (
            (NOW - 30 * DAY, NOW - 10 * DAY),
            (NOW - 9 * DAY, NOW - 2 * DAY),
            None,
            Consultation.Status.CLOSED,
        ),
        (
            (NOW - 30 * DAY, NOW - 10 * DAY),
            None,
            NOW - DAY,
            Consultation.Status.OUTCOME,
        ),
    ],
)
def test_status_follows_dates(main, review, outcome, expected):
    assert consultation_with(main, review, outcome).status_at(NOW) == expected


def test_a_round_closes_at_its_closing_time_exactly():
    consultation = consultation_with(main=(NOW - DAY, NOW))
    assert (
        consultation.status_at(NOW - timedelta(seconds=1)) == Consultation.Status.OPEN
    )
    assert consultation.status_at(NOW) == Consultation.Status.CLOSED
