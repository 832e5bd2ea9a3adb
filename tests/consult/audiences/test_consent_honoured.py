"""The one consent (surveys.consent) is honoured by the review period's
invitations and by retention of respondents' e-mail addresses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consult.audiences import review, services
from consult.audiences.models import Invitation
from surveys.models import Draft, Response, Round
from surveys.services import submit_draft
from tests.cms.factories import RoundFactory
from tests.surveys.factories import K, question, survey_round

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def respond(round_, q, recontact, email):
    draft = Draft.objects.create(
        round=round_,
        answers={
            str(q["who"].pk): "Parent or carer",
            str(q["recontact"].pk): recontact,
        },
        contact_email=email,
    )
    return submit_draft(draft_id=draft.pk)


@pytest.fixture
def asked():
    round_, q = survey_round()
    round_.survey.include_equalities = False
    q["recontact"] = question(
        round_.survey, K.RECONTACT, "May we contact you again?", order=3
    )
    return round_, q


def test_yes_in_the_survey_gets_a_review_invitation(asked):
    round_, q = asked
    yes = respond(round_, q, "Yes", "yes@example.org")
    respond(round_, q, "No", "no@example.org")
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(closes_at=now - DAY)
    review_round = RoundFactory(
        consultation=round_.consultation,
        kind=Round.Kind.REVIEW,
        opens_at=now + DAY,
        closes_at=now + 8 * DAY,
    )
    assert review.invite_to_review(round_=review_round) == 1
    assert Invitation.objects.get().response == yes


def test_addresses_go_at_the_close_without_consent_and_after_retention_with_it(
    asked, settings
):
    settings.AUDIENCES_CONTACT_RETENTION_DAYS = 90
    round_, q = asked
    yes = respond(round_, q, "Yes", "yes@example.org")
    no = respond(round_, q, "No", "no@example.org")
    assert services.purge_respondent_contacts() == 0  # the round is open
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - DAY)
    assert services.purge_respondent_contacts() == 1
    assert services.purge_respondent_contacts() == 0  # idempotent
    yes.refresh_from_db(), no.refresh_from_db()
    assert (yes.contact_email, no.contact_email) == ("yes@example.org", "")
    consultation = round_.consultation
    consultation.outcome_published_at = timezone.now() - 91 * DAY
    consultation.save()
    assert services.purge_respondent_contacts() == 1
    assert Response.objects.exclude(contact_email="").count() == 0
