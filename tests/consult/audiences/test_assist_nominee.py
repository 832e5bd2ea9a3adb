"""Staff take a nominee's response with them: assisted, and it counts as theirs."""

import pytest
from django.urls import reverse

from consult.audiences.models import Invitation
from surveys.models import Response
from tests.consult.audiences.factories import (
    NominationFactory,
    ServiceFactory,
    manager_of,
    targeted_round,
    user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    round_, questions = targeted_round()
    service = ServiceFactory()
    round_.consultation.services.add(service)
    nomination = NominationFactory(
        consultation=round_.consultation, service=service, name="Dana Parent"
    )
    return round_, questions, nomination, manager_of(service)


def _assist(nomination):
    return reverse("audiences:assist", kwargs={"nomination_id": nomination.pk})


def _respond(client, round_, q):
    section = "surveys:section"
    client.post(
        reverse(section, kwargs={"round_id": round_.pk, "number": 1}),
        {str(q["who"].pk): "Parent or carer"},
    )
    client.post(
        reverse(section, kwargs={"round_id": round_.pk, "number": 2}),
        {str(q["views"].pk): "Said on the phone"},
    )
    return client.post(reverse("surveys:check", kwargs={"round_id": round_.pk}))


def test_a_manager_helps_a_nominee_respond_by_phone(client, scene):
    round_, q, nomination, manager = scene
    client.force_login(manager)
    listing = client.get(
        reverse(
            "audiences:nominations", kwargs={"consultation_id": round_.consultation_id}
        )
    ).content.decode()
    assert _assist(nomination) in listing
    page = client.get(_assist(nomination))
    assert page.status_code == 200 and "You are helping" in page.content.decode()
    refused = client.post(_assist(nomination), {"channel": "phone"})
    assert refused.status_code == 400  # consent is required
    started = client.post(_assist(nomination), {"channel": "phone", "consent": "on"})
    assert started.status_code == 302
    _respond(client, round_, q)
    response = Response.objects.get()
    invitation = Invitation.objects.get(nomination=nomination, round=round_)
    assert response.admitted_by == invitation.admission_key
    assert response.channel == "phone" and response.assisted_by == manager
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    # Responded: nobody can start a second response for them.
    again = client.post(_assist(nomination), {"channel": "phone", "consent": "on"})
    assert again.status_code == 302 and Response.objects.count() == 1


def test_only_those_who_see_the_nomination_and_may_assist(client, scene):
    round_, _, nomination, _ = scene
    for person in (
        user("staff@example.org", "Staff"),  # may assist, cannot see nominations
        manager_of(ServiceFactory(), email="other@example.org"),  # another service
    ):
        client.force_login(person)
        assert client.get(_assist(nomination)).status_code in (403, 404)
    assert not Invitation.objects.exists()
