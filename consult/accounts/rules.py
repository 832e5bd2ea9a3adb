"""Role predicates that need no domain model, defined once.

Checks scoped to one consultation (a project lead reads only the consultations
they lead) live with the model they check: ``surveys.rules``. Superusers count
as officers.
"""

from .roles import Role


def is_officer(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_role(Role.OFFICER))
    )


def requires_mfa(user) -> bool:
    """Superusers, officers and project leads must sign in with a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=Role.REQUIRE_MFA).exists()


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def can_use_wagtail_admin(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


# Choosers list every page, consultation, image or document by title; they
# serve editing, so only people who may edit content reach them.
CHOOSER_PATHS = (
    "choose-page/",
    "snippets/choose/",
    "images/chooser/",
    "documents/chooser/",
)
EDITING_PERMISSIONS = (
    "surveys.change_consultation",
    "surveys.change_survey",
    "wagtailimages.add_image",
    "wagtaildocs.add_document",
)


def can_use_choosers(user) -> bool:
    """Superusers and editors (officers); not project leads, who only read."""
    if user.is_superuser:
        return True
    if any(user.has_perm(p) for p in EDITING_PERMISSIONS):
        return True
    from wagtail.models import GroupPagePermission

    return GroupPagePermission.objects.filter(group__user=user).exists()


def can_use_django_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_council_staff(user) -> bool:
    """May answer staff consultations: anyone with a role (all are council staff)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=Role.ALL).exists()
