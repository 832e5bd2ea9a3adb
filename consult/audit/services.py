"""Record officer actions on personal data; forget them after the retention period.

``record`` is called by the view or service that does the action. Who did it
comes from the argument, or else from the request being served
(``middleware.AuditActorMiddleware`` keeps it in a context variable), so that
signals without a request, like role changes in the admin, still know.
"""

import contextvars
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import AuditEntry

_current_actor = contextvars.ContextVar("audit_actor", default=None)


def set_actor(user):
    """Make ``user`` the actor of what this request records; returns a reset token."""
    return _current_actor.set(user)


def reset_actor(token) -> None:
    _current_actor.reset(token)


def record(action: str, *, target="", detail: str = "", actor=None) -> AuditEntry:
    """Write one entry. ``target`` is an object (its class and str) or text."""
    actor = actor if actor is not None else _current_actor.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if not isinstance(target, str):
        target = f"{type(target).__name__} {target} ({getattr(target, 'pk', '')})"
    return AuditEntry.objects.create(
        actor=actor,
        actor_email=getattr(actor, "email", "") if actor else "",
        action=action,
        target=target[:300],
        detail=detail,
    )


def purge_expired() -> int:
    """Delete entries older than ``AUDIT_RETENTION_DAYS``. Idempotent."""
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
