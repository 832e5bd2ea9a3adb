"""Role changes: a user's groups (roles) or superuser flag, however changed."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import AuditEntry
from .services import record

User = get_user_model()
VERBS = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.roles")
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from django.contrib.auth.models import Group

    names = sorted(
        Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True)
    )
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[
        action
    ]
    if reverse:  # users added to or removed from a group
        users = User.objects.filter(pk__in=pk_set or []).values_list("email", flat=True)
        detail = f"{verb} {', '.join(sorted(users))} in role {instance}"
        record(AuditEntry.Action.ROLE_CHANGE, target=f"Role {instance}", detail=detail)
    else:
        detail = f"{verb}: {', '.join(names) or 'all roles'}"
        record(
            AuditEntry.Action.ROLE_CHANGE,
            target=f"User {instance.email}",
            detail=detail,
        )
