"""Roles are groups with exactly the permissions roles.py lists (least privilege)."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
)

from consult.accounts.roles import (
    ROLE_COLLECTION_PERMISSIONS,
    ROLE_PAGE_PERMISSIONS,
    ROLE_PERMISSIONS,
    Role,
    ensure_roles,
)
from tests.consult.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


def _names(perms):
    return {f"{p.content_type.app_label}.{p.codename}" for p in perms}


def test_every_listed_permission_exists():
    """A typo in roles.py would silently grant nothing: catch it here."""
    listed = set().union(
        *ROLE_PERMISSIONS.values(), *ROLE_COLLECTION_PERMISSIONS.values()
    )
    listed |= {f"wagtailcore.{n}" for n in set().union(*ROLE_PAGE_PERMISSIONS.values())}
    existing = _names(Permission.objects.select_related("content_type"))
    assert listed - existing == set()


def test_groups_hold_exactly_the_listed_permissions():
    for role in Role.ALL:
        group = Group.objects.get(name=role)
        assert (
            _names(group.permissions.select_related("content_type"))
            == (ROLE_PERMISSIONS[role])
        ), role


def test_ensure_roles_is_idempotent_and_removes_strays():
    staff = Group.objects.get(name=Role.STAFF)
    staff.permissions.add(Permission.objects.get(codename="access_admin"))
    officer = Group.objects.get(name=Role.OFFICER)
    ensure_roles()
    ensure_roles()
    assert not staff.permissions.exists()
    assert GroupPagePermission.objects.filter(group=officer).count() == len(
        ROLE_PAGE_PERMISSIONS[Role.OFFICER]
    )
    assert GroupCollectionPermission.objects.filter(group=officer).count() == len(
        ROLE_COLLECTION_PERMISSIONS[Role.OFFICER]
    )


def test_officer_publishes_pages_and_uploads_media(site_root):
    officer = user_with_role(Role.OFFICER)
    perms = site_root.permissions_for_user(officer)
    assert perms.can_add_subpage() and perms.can_publish()
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    images = policy_registry.get_by_type(get_image_model())
    assert images.user_has_permission(officer, "add")
    assert officer.has_perm("surveys.export_responses")
    assert officer.has_perm("wagtailadmin.access_admin")
    assert Collection.get_first_root_node() is not None


def test_project_lead_gets_the_admin_but_no_model_wide_reading(site_root):
    lead = user_with_role(Role.PROJECT_LEAD)
    assert lead.has_perm("wagtailadmin.access_admin")
    assert not lead.has_perm("surveys.view_consultation")
    assert not lead.has_perm("surveys.export_responses")
    assert not site_root.permissions_for_user(lead).can_publish()


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.STAFF, None])
def test_service_manager_staff_and_respondents_have_no_admin(role):
    user = user_with_role(role)
    assert not user.has_perm("wagtailadmin.access_admin")
    # Service managers nominate on the public site; nobody here gets more.
    nominating = {"audiences.view_nomination", "audiences.add_nomination"}
    expected = nominating if role == Role.SERVICE_MANAGER else set()
    assert user.get_all_permissions() == expected
