"""Who may nominate and see nominations, defined once. Views enforce these.

Officers see every service's nominations; a service manager only those of the
services they manage (``Service.managers``). Nobody here sees answers: the
nomination pages show statuses, never responses.
"""

from consult.accounts.roles import Role
from consult.accounts.rules import is_officer
from consult.organisation.models import Service


def can_use_nominations(user) -> bool:
    """Officers and service managers; ``services_for`` scopes what they see."""
    return bool(
        is_officer(user)
        or (user.is_authenticated and user.has_role(Role.SERVICE_MANAGER))
    )


def can_send_invitations(user) -> bool:
    """Sending now, rather than waiting for the scheduler, is for officers."""
    return is_officer(user)


def services_for(user, consultation):
    """The services ``user`` may nominate for, among those ``consultation`` concerns."""
    concerned = consultation.services.all()
    if is_officer(user):
        return concerned if concerned.exists() else Service.objects.all()
    if not user.is_authenticated or not user.has_role(Role.SERVICE_MANAGER):
        return Service.objects.none()
    return concerned.filter(managers=user)


def can_erase(user, nomination) -> bool:
    return is_officer(user) or bool(
        user.is_authenticated
        and user.has_role(Role.SERVICE_MANAGER)
        and nomination.service.managers.filter(pk=user.pk).exists()
    )


def can_help_respond(user, nomination) -> bool:
    """Take a nominee's response with them (assisted): staff who may assist and
    who may see this nomination (its service's managers, officers)."""
    from surveys.rules import can_assist

    return can_assist(user) and can_erase(user, nomination)
