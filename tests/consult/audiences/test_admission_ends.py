"""A browser admitted by an invitation cannot respond once the link expires or
the nominee's contact details are erased."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.audiences import services
from consult.audiences.models import Invitation

from .factories import NominationFactory, invited, targeted_round
from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted(client):
    round_, questions = targeted_round()
    invitation = invited(NominationFactory(consultation=round_.consultation), round_)
    token = send(invitation)
    client.get(reverse("audiences:invitation", kwargs={"token": token}))
    first = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    assert client.get(first).status_code == 200
    return round_, questions, invitation, first


def test_admission_ends_when_the_link_expires(client, admitted):
    round_, questions, invitation, first = admitted
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(first).status_code == 403
    page = client.post(first, {str(questions["who"].pk): "Parent or carer"})
    assert page.status_code == 403


def test_admission_ends_when_the_contact_is_erased(client, admitted):
    round_, questions, invitation, first = admitted
    services.erase_contact(nomination=invitation.nomination, reason="request")
    assert client.get(first).status_code == 403
