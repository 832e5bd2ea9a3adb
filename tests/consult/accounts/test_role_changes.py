"""Giving or taking away a role leaves a record: who, which role, by whom, when."""

import pytest
from django.contrib.auth.models import Group

from consult.accounts.models import RoleChange
from consult.accounts.roles import Role
from tests.consult.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDED, REMOVED = RoleChange.Action.ADDED, RoleChange.Action.REMOVED


def _changes():
    return list(
        RoleChange.objects.order_by("changed_at").values_list(
            "user_email", "role", "action"
        )
    )


def test_adding_a_user_to_a_role_leaves_a_record():
    user = UserFactory(email="new.officer@example.org")
    user.groups.add(Group.objects.get(name=Role.OFFICER))
    (change,) = RoleChange.objects.all()
    assert (change.user, change.role, change.action) == (user, Role.OFFICER, ADDED)
    assert change.changed_at is not None and change.changed_by is None


def test_changes_from_either_side_and_clear_are_recorded():
    user = UserFactory(email="someone@example.org")
    officers = Group.objects.get(name=Role.OFFICER)
    leads = Group.objects.get(name=Role.PROJECT_LEAD)
    officers.user_set.add(user)
    user.groups.add(officers)  # already held: no change, no record
    user.groups.add(leads)
    user.groups.remove(Group.objects.get(name=Role.STAFF))  # not held
    user.groups.clear()
    changes = _changes()
    assert changes[:2] == [
        ("someone@example.org", Role.OFFICER, ADDED),
        ("someone@example.org", Role.PROJECT_LEAD, ADDED),
    ]
    assert sorted(changes[2:]) == [
        ("someone@example.org", Role.OFFICER, REMOVED),
        ("someone@example.org", Role.PROJECT_LEAD, REMOVED),
    ]


def test_a_change_in_the_admin_records_who_made_it(client, superuser):
    admin = superuser
    user = UserFactory(email="to.promote@example.org")
    client.force_login(admin)
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "email": user.email,
            "first_name": "To",
            "last_name": "Promote",
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.PROJECT_LEAD).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (change,) = RoleChange.objects.all()
    assert (change.user, change.role, change.changed_by) == (
        user,
        Role.PROJECT_LEAD,
        admin,
    )


def test_the_record_outlives_the_person():
    user = UserFactory(email="gone@example.org")
    user.groups.add(Group.objects.get(name=Role.STAFF))
    user.delete()
    (change,) = RoleChange.objects.all()
    assert change.user is None and change.user_email == "gone@example.org"


def test_superusers_read_role_changes_in_the_admin(client, superuser):
    user = UserFactory(email="promoted@example.org")
    user.groups.add(Group.objects.get(name=Role.OFFICER))
    client.force_login(superuser)
    html = client.get("/admin/role_changes/", {"action": "added"}).content.decode()
    assert "promoted@example.org" in html and Role.OFFICER in html
    assert "/admin/role_changes/new/" not in html  # history is not edited
    assert client.get("/admin/role_changes/new/").status_code == 302


def test_officers_cannot_read_role_changes(client, officer):
    client.force_login(officer)
    assert client.get("/admin/role_changes/").status_code == 302
