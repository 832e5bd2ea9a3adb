"""Who may help others respond, import responses and read a consultation.

Defined once; views and admin pages enforce these. Officers read every
consultation's responses, analysis and reports; a project lead reads only the
consultations they lead (``Consultation.leads``).
"""

from consult.accounts.roles import Role
from consult.accounts.rules import is_officer

IMPORT_PERMISSION = "surveys.import_responses"
EXPORT_PERMISSION = "surveys.export_responses"


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


def can_export(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(EXPORT_PERMISSION))


def can_import(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(IMPORT_PERMISSION))


def leads_any(user) -> bool:
    return bool(user.is_authenticated and user.led_consultations.exists())


def can_read_consultation(user, consultation) -> bool:
    """Reports, analysis and tag review of one consultation."""
    if is_officer(user):
        return True
    return bool(
        user.is_authenticated
        and user.has_role(Role.PROJECT_LEAD)
        and consultation.leads.filter(pk=user.pk).exists()
    )
