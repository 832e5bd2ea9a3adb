"""Roles are managed in the Wagtail admin: users and groups with our e-mail User."""

import pytest
from django.contrib.auth.models import Group

from consult.accounts.models import User
from consult.accounts.roles import Role
from tests.consult.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def test_superuser_creates_a_user_with_a_role(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/users/new/").status_code == 200
    officer_group = Group.objects.get(name=Role.OFFICER)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.officer@example.org",
            "first_name": "Nia",
            "last_name": "New",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "groups": [officer_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="new.officer@example.org")
    assert user.has_role(Role.OFFICER)
    assert user.check_password(PASSWORD)


def test_superuser_changes_a_users_role(client, superuser):
    person = user_with_role(Role.STAFF)
    client.force_login(superuser)
    url = f"/admin/users/edit/{person.pk}/"
    assert client.get(url).status_code == 200
    lead_group = Group.objects.get(name=Role.PROJECT_LEAD)
    response = client.post(
        url,
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "groups": [lead_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.has_role(Role.PROJECT_LEAD)
    assert not person.has_role(Role.STAFF)


def test_users_and_groups_listings_show_roles(client, superuser):
    user_with_role(Role.SERVICE_MANAGER, email="manager@example.org")
    client.force_login(superuser)
    users = client.get("/admin/users/")
    assert users.status_code == 200
    assert b"manager@example.org" in users.content
    groups = client.get("/admin/groups/")
    assert groups.status_code == 200
    for role in Role.ALL:
        assert role.encode() in groups.content
    group = Group.objects.get(name=Role.OFFICER)
    assert client.get(f"/admin/groups/edit/{group.pk}/").status_code == 200


def test_officer_cannot_manage_users(client, officer):
    client.force_login(officer)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)
