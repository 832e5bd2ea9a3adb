"""The audit log in the Wagtail admin: officers list it, filter it by who, what
and when, and search it; nobody edits it; project leads are refused."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import User
from consult.audit.models import AuditEntry
from consult.audit.services import record
from tests.conftest import with_totp

pytestmark = pytest.mark.django_db
LOG = reverse("audit_log:index")


def someone(email, role):
    user = User.objects.create_user(email, "x" * 16)
    user.groups.add(Group.objects.get(name=role))
    return with_totp(user)


@pytest.fixture
def entries():
    officer = someone("officer@example.org", "Officer")
    other = someone("other.officer@example.org", "Officer")
    AuditEntry.objects.all().delete()  # the roles given above
    record("export", target="Round spring", detail="responses.csv", actor=officer)
    record("erasure", target="Subject parent@example.org", actor=other)
    old = record("import", target="Round autumn", actor=officer)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    return officer, other


def targets(page) -> list[str]:
    return [entry.target for entry in page.context["object_list"]]


def test_officers_list_filter_and_search_the_log(client, entries):
    officer, other = entries
    client.force_login(officer)
    page = client.get(LOG)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Subject parent@example.org" in html and "Erased" in html
    assert "kept for 730 days" in html
    assert targets(client.get(LOG, {"action": "erasure"})) == [
        "Subject parent@example.org"
    ]
    assert set(targets(client.get(LOG, {"actor": officer.pk}))) == {
        "Round spring",
        "Round autumn",
    }
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert "Round autumn" not in targets(client.get(LOG, {"at_after": since}))
    assert targets(client.get(LOG, {"q": "responses.csv"})) == ["Round spring"]


def test_nobody_edits_the_log_and_project_leads_are_refused(client, entries):
    officer, _ = entries
    client.force_login(officer)
    entry = AuditEntry.objects.first()
    assert client.get(reverse("audit_log:add")).status_code == 302
    assert client.get(reverse("audit_log:edit", args=[entry.pk])).status_code == 302
    assert client.post(reverse("audit_log:delete", args=[entry.pk])).status_code == 302
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    client.force_login(someone("lead@example.org", "Project lead"))
    assert client.get(LOG).status_code == 302  # to the dashboard, refused


def test_the_settings_menu_offers_officers_the_log_and_subject_rights(client, entries):
    officer, _ = entries
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    assert "/admin/audit-log/" in html and "/admin/subject-rights/" in html
    client.force_login(someone("lead@example.org", "Project lead"))
    html = client.get("/admin/").content.decode()
    assert "/admin/audit-log/" not in html and "/admin/subject-rights/" not in html
