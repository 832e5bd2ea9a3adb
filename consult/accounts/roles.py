"""Roles are Django groups with permissions, defined once here.

``ensure_roles`` runs after every migrate, so a new permission added to a role
reaches existing databases without a data migration. It is idempotent.
"""

from django.contrib.auth.models import Group, Permission


class Role:
    OFFICER = "Officer"
    PROJECT_LEAD = "Project lead"
    SERVICE_MANAGER = "Service manager"
    STAFF = "Staff"

    ALL = (OFFICER, PROJECT_LEAD, SERVICE_MANAGER, STAFF)


# "app_label.codename" permissions per role. Apps add theirs here.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.OFFICER: {
        "wagtailadmin.access_admin",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "surveys.add_consultation",
        "surveys.change_consultation",
        "surveys.view_consultation",
        "surveys.add_survey",
        "surveys.change_survey",
        "surveys.view_survey",
        "surveys.export_responses",
        "analysis.add_codebook",
        "analysis.change_codebook",
        "analysis.view_codebook",
    },
    Role.PROJECT_LEAD: {
        "wagtailadmin.access_admin",
        "surveys.view_consultation",
    },
    Role.SERVICE_MANAGER: set(),
    Role.STAFF: set(),
}


def ensure_roles(**kwargs) -> None:
    """Create the role groups and give them exactly their listed permissions."""
    for role in Role.ALL:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = ROLE_PERMISSIONS.get(role, set())
        perms = [
            p
            for p in Permission.objects.select_related("content_type").filter(
                codename__in={w.split(".", 1)[1] for w in wanted}
            )
            if f"{p.content_type.app_label}.{p.codename}" in wanted
        ]
        group.permissions.set(perms)
