"""The nominations page: statuses and delivery problems, scoped, never answers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.accounts.roles import Role
from consult.audiences import services
from consult.audiences.models import Delivery, Invitation
from surveys.models import Draft, Response

from .factories import (
    NominationFactory,
    ServiceFactory,
    invited,
    manager_of,
    targeted_round,
    user,
)
from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    round_, questions = targeted_round()
    consultation = round_.consultation
    mine, theirs = ServiceFactory(), ServiceFactory()
    consultation.services.set([mine, theirs])
    people = {
        status: NominationFactory(
            consultation=consultation, service=mine, name=f"{status.title()} Person"
        )
        for status in (
            "not_sent",
            "invited",
            "opened",
            "started",
            "responded",
            "bounced",
        )
    }
    other = NominationFactory(
        consultation=consultation, service=theirs, name="Not Mine"
    )
    invitations = {s: invited(n, round_) for s, n in people.items()}
    invited(other, round_)
    for status, invitation in invitations.items():
        if status != "not_sent":
            send(invitation)
    services.mark_opened(invitation=invitations["opened"])
    services.mark_opened(invitation=invitations["started"])
    Draft.objects.create(round=round_, admitted_by=invitations["started"].admission_key)
    Response.objects.create(
        round=round_,
        reference="SB-TESTREF1",
        admitted_by=invitations["responded"].admission_key,
    )
    services.record_response(
        round_id=round_.pk, admission_key=invitations["responded"].admission_key
    )
    Invitation.objects.filter(pk=invitations["bounced"].pk).update(
        failed_at=timezone.now()
    )
    Delivery.objects.filter(invitation=invitations["bounced"]).update(
        outcome=Delivery.Outcome.FAILED, reason="550 5.1.1 User unknown"
    )
    return consultation, mine, manager_of(mine)


def _url(consultation, **query):
    url = reverse("audiences:nominations", kwargs={"consultation_id": consultation.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _status_of(page: str, name: str) -> str:
    row = page.split(name, 1)[1].split("</tr>", 1)[0]
    return row.split('class="govuk-tag', 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_a_manager_sees_their_nominees_statuses_and_failures(client, scene):
    consultation, _, manager = scene
    client.force_login(manager)
    page = client.get(_url(consultation)).content.decode()
    assert _status_of(page, "Not_Sent Person") == "Not sent yet"
    assert _status_of(page, "Invited Person") == "Invited"
    assert _status_of(page, "Opened Person") == "Opened"
    assert _status_of(page, "Started Person") == "Started"
    assert _status_of(page, "Responded Person") == "Responded"
    assert _status_of(page, "Bounced Person") == "Bounced"
    assert "550 5.1.1 User unknown" in page
    assert "Not Mine" not in page
    assert "SB-TESTREF1" not in page  # nothing of the response itself


def test_the_filter_narrows_by_status(client, scene):
    consultation, _, manager = scene
    client.force_login(manager)
    page = client.get(_url(consultation, status="bounced")).content.decode()
    assert "Bounced Person" in page and "Invited Person" not in page


def test_officers_see_every_service_and_may_send_now(client, scene):
    consultation, _, _ = scene
    client.force_login(user("officer@example.org", Role.OFFICER))
    page = client.get(_url(consultation)).content.decode()
    assert "Not Mine" in page
    assert "Send invitations now" in page


def test_managers_cannot_send_now(client, scene):
    consultation, _, manager = scene
    client.force_login(manager)
    assert "Send invitations now" not in client.get(_url(consultation)).content.decode()
    send_url = reverse("audiences:send", kwargs={"consultation_id": consultation.pk})
    assert client.post(send_url).status_code == 403


def test_send_now_sends_the_unsent_once(
    client, scene, django_capture_on_commit_callbacks
):
    from django.core import mail

    consultation, _, _ = scene
    client.force_login(user("officer@example.org", Role.OFFICER))
    mail.outbox.clear()
    send_url = reverse("audiences:send", kwargs={"consultation_id": consultation.pk})
    for _ in range(2):
        # Recorded in the outbox, sent when the request's work commits.
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(send_url).status_code == 302
    # The unsent one of each service: "Not_Sent Person" and "Not Mine".
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Invitation.objects.filter(
            nomination__name__in=["Not_Sent Person", "Not Mine"]
        ).values_list("nomination__email", flat=True)
    )


def test_the_index_lists_only_consultations_of_their_services(client, scene):
    consultation, _, manager = scene
    elsewhere, _ = targeted_round()
    elsewhere.consultation.services.set([ServiceFactory()])
    client.force_login(manager)
    page = client.get(reverse("audiences:index")).content.decode()
    assert consultation.title in page
    assert elsewhere.consultation.title not in page


def test_contact_details_are_deleted_on_request(client, scene):
    consultation, mine, manager = scene
    nomination = NominationFactory(
        consultation=consultation, service=mine, name="Ask Me"
    )
    client.force_login(manager)
    url = reverse("audiences:erase", kwargs={"nomination_id": nomination.pk})
    assert "Delete Ask Me's contact details?" in client.get(url).content.decode()
    for _ in range(2):
        client.post(url)
    nomination.refresh_from_db()
    assert nomination.is_erased and nomination.contact_erased_reason == "request"
    assert nomination.name == nomination.email == nomination.mobile == ""
    assert "Ask Me" not in client.get(_url(consultation)).content.decode()


def test_a_manager_cannot_delete_another_services_nominee(client, scene):
    consultation, _, manager = scene
    theirs = NominationFactory(consultation=consultation)
    client.force_login(manager)
    url = reverse("audiences:erase", kwargs={"nomination_id": theirs.pk})
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_erased


def test_a_manager_of_no_service_sees_no_consultation(client, scene):
    consultation, _, _ = scene
    client.force_login(user("new-manager@example.org", Role.SERVICE_MANAGER))
    page = client.get(reverse("audiences:index"))
    assert page.status_code == 200
    assert consultation.title not in page.content.decode()
    assert "No targeted consultation concerns the services you manage" in (
        page.content.decode()
    )
    assert client.get(_url(consultation)).status_code == 404
