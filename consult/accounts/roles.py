"""Roles are Django groups with permissions, defined once here.

``ensure_roles`` runs after every migrate, so a new permission added to a role
reaches existing databases without a data migration. It is idempotent.

Three kinds of permission, because Wagtail keeps two of them apart from
``Group.permissions``:

- ``ROLE_PERMISSIONS``: model permissions, ``"app_label.codename"``. Apps add
  theirs here (``ROLE_PERMISSIONS[Role.SERVICE_MANAGER].add(...)`` in this file).
- ``ROLE_PAGE_PERMISSIONS``: Wagtail page permissions on the whole page tree.
- ``ROLE_COLLECTION_PERMISSIONS``: Wagtail image and document permissions on
  the root collection.

Least privilege: a role gets what its work needs and nothing more. Managing
users and roles is left to superusers (the Wagtail admin's Users and Groups).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission


class Role:
    OFFICER = "Officer"
    PROJECT_LEAD = "Project lead"
    SERVICE_MANAGER = "Service manager"
    STAFF = "Staff"

    ALL = (OFFICER, PROJECT_LEAD, SERVICE_MANAGER, STAFF)
    # Roles that reach personal data or publish: they must use two-factor sign-in.
    REQUIRE_MFA = (OFFICER, PROJECT_LEAD)


ROLE_PERMISSIONS: dict[str, set[str]] = {
    # Publish consultations and surveys, export responses, run analysis.
    Role.OFFICER: {
        "wagtailadmin.access_admin",
        "surveys.add_consultation",
        "surveys.change_consultation",
        "surveys.view_consultation",
        "surveys.add_survey",
        "surveys.change_survey",
        "surveys.view_survey",
        "surveys.add_surveyversion",
        "surveys.change_surveyversion",
        "surveys.view_surveyversion",
        "surveys.export_responses",
        "audiences.view_nomination",
        "surveys.import_responses",
        "analysis.add_codebook",
        "analysis.change_codebook",
        "analysis.view_codebook",
    },
    # Reads the reports of the consultations they lead (``rules.py`` says
    # which); the admin is where their reports live. No model-wide view
    # permission: that would list every consultation, not only theirs.
    Role.PROJECT_LEAD: {
        "wagtailadmin.access_admin",
    },
    # Nominates service users on the public site; no admin.
    Role.SERVICE_MANAGER: {"audiences.view_nomination", "audiences.add_nomination"},
    # Responds to staff consultations with their account; nothing more.
    Role.STAFF: set(),
}

ROLE_PAGE_PERMISSIONS: dict[str, set[str]] = {
    Role.OFFICER: {"add_page", "change_page", "publish_page", "lock_page"},
}

ROLE_COLLECTION_PERMISSIONS: dict[str, set[str]] = {
    Role.OFFICER: {
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    },
}


def _permissions(names: set[str]) -> list[Permission]:
    found = Permission.objects.select_related("content_type").filter(
        codename__in={name.split(".", 1)[1] for name in names}
    )
    return [p for p in found if f"{p.content_type.app_label}.{p.codename}" in names]


def ensure_roles(app_config=None, **kwargs) -> None:
    """Create the role groups and give them exactly their listed permissions.

    ``post_migrate`` is sent once for each app (and after each test database
    flush): the roles need every app's permissions, which all exist once the
    last app's signal comes, so the work is done then, once, not 35 times.
    """
    if app_config is not None and app_config is not _last_app_migrated():
        return
    for role in Role.ALL:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(ROLE_PERMISSIONS.get(role, set())))
        _ensure_tree_permissions(group, role)


def _last_app_migrated():
    """The app ``post_migrate`` is sent for last (as emit_post_migrate_signal does)."""
    return [c for c in apps.get_app_configs() if c.models_module is not None][-1]


def _ensure_tree_permissions(group: Group, role: str) -> None:
    """Page and collection permissions at the roots of Wagtail's two trees."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    page_root = Page.get_first_root_node()
    if page_root is not None:
        wanted = _permissions(
            {f"wagtailcore.{name}" for name in ROLE_PAGE_PERMISSIONS.get(role, set())}
        )
        existing = GroupPagePermission.objects.filter(group=group, page=page_root)
        existing.exclude(permission__in=wanted).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page_root, permission=permission
            )
    collection_root = Collection.get_first_root_node()
    if collection_root is not None:
        wanted = _permissions(ROLE_COLLECTION_PERMISSIONS.get(role, set()))
        existing = GroupCollectionPermission.objects.filter(
            group=group, collection=collection_root
        )
        existing.exclude(permission__in=wanted).delete()
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection_root, permission=permission
            )
