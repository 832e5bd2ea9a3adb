"""A submitted response marks its invitation responded, once; other keys are ignored."""

import pytest

from consult.audiences import services
from consult.audiences.models import Invitation

from .factories import NominationFactory, invited, targeted_round

pytestmark = pytest.mark.django_db


def test_recording_a_response_is_idempotent_and_kept_to_its_round():
    round_, _ = targeted_round()
    invitation = invited(NominationFactory(consultation=round_.consultation), round_)
    other_round, _ = targeted_round()
    key = invitation.admission_key
    assert not services.record_response(round_id=other_round.pk, admission_key=key)
    assert services.record_response(round_id=round_.pk, admission_key=key)
    first = Invitation.objects.get().responded_at
    # A changed response (a new version) sends the signal again: nothing changes.
    assert not services.record_response(round_id=round_.pk, admission_key=key)
    assert Invitation.objects.get().responded_at == first


@pytest.mark.parametrize("key", ["", "staff-key", "12345", None])
def test_keys_that_are_not_invitations_are_ignored(key):
    round_, _ = targeted_round()
    assert not services.record_response(round_id=round_.pk, admission_key=key)
