"""Assisted responses: staff help someone respond; the response says so."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.assisted import AlreadyResponded, start_assisted_draft
from surveys.models import Answer, Consultation, Draft, Response
from surveys.services import RoundClosed, submit_draft
from tests.conftest import with_totp
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def user_with_role(email, role=None):
    user = User.objects.create_user(email, "x" * 16)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if role in Role.REQUIRE_MFA:
        with_totp(user)
    return user


@pytest.fixture
def staff(client):
    user = user_with_role("staff@example.org", "Staff")
    user.first_name, user.last_name = "Tess", "Staff"
    user.save()
    client.force_login(user)
    return user


def url(name, round_, **kw):
    return reverse(f"surveys:{name}", kwargs={"round_id": round_.pk, **kw})


def test_staff_start_a_phone_response_and_the_response_records_it(client, staff):
    round_, q = survey_round()
    response = client.post(
        url("assist_start", round_), {"channel": "phone", "consent": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("section", round_, number=1)
    draft = Draft.objects.get()
    assert draft.channel == "phone" and draft.assisted_by == staff
    assert draft.consent_recorded and draft.consent_recorded_at is not None
    assert "their own words" in draft.consent_wording
    assert draft.respondent is None  # the staff member is not the respondent

    html = client.get(url("section", round_, number=1)).content.decode()
    assert "Assisted response" in html
    said = "  Two buses — too far!\nKeep Oak St. "
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    client.post(url("section", round_, number=2), {str(q["views"].pk): said})
    check = client.get(url("check", round_)).content.decode()
    assert "Assisted response" in check and "Assisted by phone" in check
    assert "Tess Staff" in check
    sent = client.post(url("check", round_), {"email": ""})
    assert sent.status_code == 200

    made = Response.objects.get()
    assert made.channel == "phone" and made.assisted_by == staff
    assert (
        made.consent_recorded and made.consent_recorded_at == draft.consent_recorded_at
    )
    answer = Answer.objects.get(question=q["views"])
    assert answer.text == said  # kept as said: spaces, dashes, line breaks
    done = sent.content.decode()
    assert "Assisted response" in done and "Start another assisted response" in done


def test_translated_needs_the_language_and_consent_is_required(client, staff):
    round_, _ = survey_round()
    response = client.post(url("assist_start", round_), {"channel": "translated"})
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "Enter the language you are translating from" in html
    assert "Confirm that the respondent has agreed before you start" in html
    assert 'href="#id_consent"' in html and 'href="#id_language"' in html
    assert not Draft.objects.exists()

    client.post(
        url("assist_start", round_),
        {"channel": "translated", "language": "Polish", "consent": "on"},
    )
    draft = Draft.objects.get()
    assert draft.channel_language == "Polish"
    assert draft.channel_description() == "Assisted with translation (Polish)"


def test_staff_may_assist_a_walk_in_for_a_targeted_consultation(client, staff):
    round_, q = survey_round()
    Consultation.objects.filter(pk=round_.consultation_id).update(
        audience=Consultation.Audience.TARGETED
    )
    # Not admitted: the normal pages refuse this browser ...
    assert client.get(url("start", round_)).status_code == 403
    # ... but an assisted draft started by this staff member is let through.
    client.post(url("assist_start", round_), {"channel": "in_person", "consent": "on"})
    assert client.get(url("section", round_, number=1)).status_code == 200
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Young person"})
    client.post(url("check", round_), {"email": ""})
    assert Response.objects.get().channel == "in_person"


def test_another_staff_member_cannot_continue_someone_elses_assisted_draft(client):
    round_, _ = survey_round()
    Consultation.objects.filter(pk=round_.consultation_id).update(
        audience=Consultation.Audience.TARGETED
    )
    owner = user_with_role("owner@example.org", "Staff")
    draft = start_assisted_draft(round_=round_, staff_user=owner, channel="phone")
    other = user_with_role("other@example.org", "Staff")
    client.force_login(other)
    session = client.session
    session["drafts"] = {str(round_.pk): str(draft.pk)}
    session.save()
    assert client.get(url("section", round_, number=1)).status_code == 403


@pytest.mark.parametrize("role", [None, "Project lead"])
def test_only_staff_managers_and_officers_may_assist(client, role):
    round_, _ = survey_round()
    client.force_login(user_with_role("someone@example.org", role))
    assert client.get(reverse("surveys:assist")).status_code == 403
    assert client.get(url("assist_start", round_)).status_code == 403
    assert (
        client.post(
            url("assist_start", round_), {"channel": "phone", "consent": "on"}
        ).status_code
        == 403
    )
    assert not Draft.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    round_, _ = survey_round()
    response = client.get(url("assist_start", round_))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["Staff", "Service manager", "Officer"])
def test_the_index_lists_open_rounds_of_any_audience(client, role):
    open_round, _ = survey_round()
    Consultation.objects.filter(pk=open_round.consultation_id).update(
        audience=Consultation.Audience.TARGETED, title="Targeted one"
    )
    closed, _ = survey_round(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(user_with_role("helper@example.org", role))
    html = client.get(reverse("surveys:assist")).content.decode()
    assert "Targeted one" in html and url("assist_start", open_round) in html
    assert url("assist_start", closed) not in html


def test_the_start_page_offers_assisting_to_staff_only(client, staff):
    round_, _ = survey_round()
    assert (
        url("assist_start", round_) in client.get(url("start", round_)).content.decode()
    )
    client.logout()
    assert (
        url("assist_start", round_)
        not in client.get(url("start", round_)).content.decode()
    )


def test_service_contract(staff):
    round_, q = survey_round()
    with pytest.raises(ValueError):
        start_assisted_draft(round_=round_, staff_user=staff, channel="online")
    with pytest.raises(ValueError):
        start_assisted_draft(round_=round_, staff_user=staff, channel="translated")
    with pytest.raises(ValueError):
        start_assisted_draft(
            round_=round_, staff_user=staff, channel="phone", consent=False
        )
    with pytest.raises(PermissionDenied):
        start_assisted_draft(
            round_=round_, staff_user=user_with_role("x@example.org"), channel="phone"
        )
    closed, _ = survey_round(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(RoundClosed):
        start_assisted_draft(round_=closed, staff_user=staff, channel="phone")

    # A nominee's invitation key travels with the draft; one response per key.
    draft = start_assisted_draft(
        round_=round_, staff_user=staff, channel="in_person", admission_key="inv-1"
    )
    draft.answers = {str(q["who"].pk): "Parent or carer"}
    draft.save()
    response = submit_draft(draft_id=draft.pk)
    assert response.admitted_by == "inv-1" and response.channel == "in_person"
    with pytest.raises(AlreadyResponded):
        start_assisted_draft(
            round_=round_, staff_user=staff, channel="phone", admission_key="inv-1"
        )


def test_reports_can_separate_assisted_from_self_completed(staff):
    round_, q = survey_round()
    online = Draft.objects.create(round=round_, answers={str(q["who"].pk): "Other"})
    assisted = start_assisted_draft(round_=round_, staff_user=staff, channel="phone")
    assisted.answers = {str(q["who"].pk): "Other"}
    assisted.save()
    online_response = submit_draft(draft_id=online.pk)
    assisted_response = submit_draft(draft_id=assisted.pk)
    assert list(Response.objects.assisted()) == [assisted_response]
    assert list(Response.objects.self_completed()) == [online_response]
    assert not Response.objects.imported().exists()


def test_exports_say_how_each_response_was_made(client, staff):
    round_, q = survey_round()
    online = Draft.objects.create(round=round_, answers={str(q["who"].pk): "Other"})
    submit_draft(draft_id=online.pk)
    assisted = start_assisted_draft(
        round_=round_, staff_user=staff, channel="translated", language="Polish"
    )
    assisted.answers = {str(q["who"].pk): "Other"}
    assisted.save()
    submit_draft(draft_id=assisted.pk)

    client.force_login(user_with_role("officer@example.org", "Officer"))
    export = client.get(
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    )
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "How the response was made" in text.splitlines()[0]
    assert "Assisted with translation (Polish)" in text
    assert "Online, by the respondent" in text
    html = client.get("/admin/response-exports/").content.decode()
    assert "<td>1 / 1 / 0</td>" in html
