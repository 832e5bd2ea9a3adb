"""A service manager nominates one person; only for their own services."""

import pytest
from django.core import mail
from django.urls import reverse

from consult.accounts.roles import Role
from consult.audiences.models import Delivery, Invitation, Nomination

from .factories import (
    NominationFactory,
    ServiceFactory,
    manager_of,
    targeted_round,
    user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST, then run what the view deferred to after commit (sending)."""

    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


@pytest.fixture
def scene():
    round_, _ = targeted_round()
    mine, theirs = ServiceFactory(name="Children's Centres"), ServiceFactory()
    round_.consultation.services.set([mine, theirs])
    manager = manager_of(mine)
    return round_.consultation, mine, theirs, manager


def _form(service, **changes):
    data = {
        "service": str(service.pk),
        "name": "Alex Parent",
        "email": "Alex.Parent@Example.org",
        "mobile": "",
        "relationship": "parent_carer",
        "preferred_language": "pl",
        "access_needs": "Large print",
        "consent_to_contact": "on",
    }
    data.update(changes)
    return data


def _add(client, consultation):
    return reverse("audiences:add", kwargs={"consultation_id": consultation.pk})


def test_nominating_in_an_open_round_sends_the_invitation(client, post, scene):
    consultation, mine, _, manager = scene
    client.force_login(manager)
    page = client.get(_add(client, consultation))
    assert page.status_code == 200
    assert b"Add a nominee" in page.content
    response = post(_add(client, consultation), _form(mine))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.email == "alex.parent@example.org"
    assert nomination.nominated_by == manager
    assert nomination.consent_to_contact and nomination.consent_recorded_at
    invitation = Invitation.objects.get(nomination=nomination)
    assert invitation.sent_at is not None
    assert invitation.expires_at == consultation.main_round.closes_at
    assert Delivery.objects.get().outcome == Delivery.Outcome.SENT
    assert len(mail.outbox) == 1
    assert "/audiences/invitation/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["alex.parent@example.org"]


def test_a_mobile_only_nominee_gets_a_text_message(client, post, scene, sms_outbox):
    consultation, mine, _, manager = scene
    client.force_login(manager)
    post(_add(client, consultation), _form(mine, email="", mobile="07700 900 982"))
    assert Nomination.objects.get().mobile == "+447700900982"
    assert sms_outbox[0]["to"] == "+447700900982"
    assert "/audiences/invitation/" in sms_outbox[0]["body"]
    assert not mail.outbox


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent_to_contact": ""}, "we cannot invite anyone without their consent"),
        ({"email": "", "mobile": ""}, "Enter an e-mail address or a mobile phone"),
        ({"email": "not-an-address"}, "Enter an e-mail address in the correct format"),
        ({"mobile": "12345"}, "Enter a mobile phone number"),
        ({"name": ""}, "Enter the nominee&#x27;s full name"),
        ({"relationship": ""}, "Select the nominee&#x27;s relationship"),
    ],
)
def test_bad_input_gets_a_specific_error_and_saves_nothing(
    client, post, scene, changes, message
):
    consultation, mine, _, manager = scene
    client.force_login(manager)
    response = post(_add(client, consultation), _form(mine, **changes))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert message in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_duplicate_is_refused(client, post, scene):
    consultation, mine, _, manager = scene
    NominationFactory(
        consultation=consultation, service=mine, email="alex.parent@example.org"
    )
    client.force_login(manager)
    response = post(_add(client, consultation), _form(mine))
    assert response.status_code == 400
    assert "already nominated" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_a_manager_cannot_nominate_for_a_service_they_do_not_manage(
    client, post, scene
):
    consultation, _, theirs, manager = scene
    client.force_login(manager)
    response = post(_add(client, consultation), _form(theirs))
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_who_may_open_the_nomination_pages(client, post, scene):
    consultation, *_ = scene
    url = _add(client, consultation)
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(user("staff@example.org", Role.STAFF))
    assert client.get(url).status_code == 403
    other_manager = manager_of(ServiceFactory(), email="other@example.org")
    client.force_login(other_manager)
    assert client.get(url).status_code == 404  # not a consultation of theirs
    client.force_login(user("officer@example.org", Role.OFFICER))
    assert client.get(url).status_code == 200


def test_only_targeted_consultations_take_nominations(client, post, scene):
    consultation, _, _, manager = scene
    consultation.audience = "public"
    consultation.save()
    client.force_login(manager)
    assert client.get(_add(client, consultation)).status_code == 404


def test_nominating_before_the_round_opens_sends_nothing_yet(client, post, scene):
    from datetime import timedelta

    from django.utils import timezone

    consultation, mine, _, manager = scene
    round_ = consultation.main_round
    round_.opens_at = timezone.now() + timedelta(days=1)
    round_.closes_at = timezone.now() + timedelta(days=10)
    round_.save()
    client.force_login(manager)
    post(_add(client, consultation), _form(mine))
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None
    assert not mail.outbox


def test_nominations_close_with_the_main_round(client, post, scene):
    from datetime import timedelta

    from django.utils import timezone

    consultation, mine, _, manager = scene
    round_ = consultation.main_round
    round_.opens_at = timezone.now() - timedelta(days=10)
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    client.force_login(manager)
    response = post(_add(client, consultation), _form(mine))
    assert response.status_code == 410
    assert "Nominations have closed" in response.content.decode()
    upload = reverse("audiences:upload", kwargs={"consultation_id": consultation.pk})
    assert client.get(upload).status_code == 410
    assert not Nomination.objects.exists()
