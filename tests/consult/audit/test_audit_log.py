"""The audit log: who exported, imported, erased or changed roles, and when;
shown (read-only) in the admin, deleted after the retention period."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import User
from consult.audiences import services as audiences
from consult.audit.models import AuditEntry
from consult.audit.services import purge_expired, record
from tests.conftest import with_totp
from tests.consult.audiences.factories import NominationFactory, targeted_round
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = User.objects.create_user("officer@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Officer"))
    with_totp(user)
    client.force_login(user)
    AuditEntry.objects.all().delete()  # the role given above
    return user


def test_an_export_is_recorded_with_who_and_what(client, officer):
    round_, _ = survey_round()
    url = reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    b"".join(client.get(url).streaming_content)
    entry = AuditEntry.objects.get()
    assert entry.actor == officer and entry.actor_email == "officer@example.org"
    assert entry.action == AuditEntry.Action.EXPORT
    assert str(round_.pk) in entry.target and entry.detail == "responses.csv"


def test_role_changes_are_recorded_with_the_acting_user():
    user = User.objects.create_user("lead@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Project lead"))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_CHANGE)
    assert entry.target == "User lead@example.org"
    assert entry.detail == "added: Project lead"


def test_an_erasure_is_recorded(officer):
    round_, _ = targeted_round()
    nomination = NominationFactory(consultation=round_.consultation)
    audiences.erase_contact(nomination=nomination, reason="request")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ERASURE)
    assert str(nomination.pk) in entry.target and "request" in entry.detail


def test_entries_past_the_retention_period_are_deleted():
    old, new = record("export", target="old"), record("export", target="new")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    with override_settings(AUDIT_RETENTION_DAYS=30):
        assert purge_expired() == 1
    assert list(AuditEntry.objects.all()) == [new]


def test_the_log_is_shown_read_only_in_the_admin(client, admin_user):
    record("export", target="Round 1", actor=admin_user)
    with_totp(admin_user)
    client.force_login(admin_user)
    page = client.get(reverse("admin:audit_auditentry_changelist"))
    assert page.status_code == 200 and "Round 1" in page.content.decode()
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
