"""Who may help others respond and who may import responses, defined once."""

from consult.accounts.roles import Role
from consult.accounts.rules import is_officer

IMPORT_PERMISSION = "surveys.import_responses"


def can_assist(user) -> bool:
    """Staff, service managers and officers may start an assisted response."""
    if not user.is_authenticated:
        return False
    return (
        is_officer(user)
        or user.groups.filter(name__in=(Role.STAFF, Role.SERVICE_MANAGER)).exists()
    )


def may_continue_assisted(user, draft) -> bool:
    """An assisted draft is answered only by the staff member who started it."""
    return bool(
        draft is not None
        and draft.is_assisted
        and user.is_authenticated
        and draft.assisted_by_id == user.pk
        and can_assist(user)
    )


def can_import(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(IMPORT_PERMISSION))
