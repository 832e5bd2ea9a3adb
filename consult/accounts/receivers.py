"""Role changes are recorded as they happen (``RoleChange``), from the one
place every change passes through: the user–group table's ``m2m_changed``."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from .models import RoleChange, User


def _acting_user():
    """The signed-in person whose request made the change, if any (set by
    simple-history's ``HistoryRequestMiddleware``)."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _pairs(instance, reverse, pk_set):
    """(user, group) pairs concerned, whichever side the change came from."""
    if reverse:  # group.user_set.add(...): pk_set holds users
        return [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    return [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]


def _held(pairs):
    """The pairs that exist now (a removal of a role not held is no change)."""
    through = User.groups.through
    held = set(
        through.objects.filter(
            user__in={u.pk for u, _ in pairs}, group__in={g.pk for _, g in pairs}
        ).values_list("user_id", "group_id")
    )
    return [(u, g) for u, g in pairs if (u.pk, g.pk) in held]


@receiver(m2m_changed, sender=User.groups.through)
def record_role_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_remove":
        instance._roles_leaving = _held(_pairs(instance, reverse, pk_set))
    elif action == "pre_clear":
        held = instance.user_set.all() if reverse else instance.groups.all()
        pk_set = set(held.values_list("pk", flat=True))
        instance._roles_leaving = _pairs(instance, reverse, pk_set)
    elif action == "post_add":
        _record(_pairs(instance, reverse, pk_set), RoleChange.Action.ADDED)
    elif action in ("post_remove", "post_clear"):
        _record(getattr(instance, "_roles_leaving", []), RoleChange.Action.REMOVED)
        instance._roles_leaving = []


def _record(pairs, action):
    by = _acting_user()
    RoleChange.objects.bulk_create(
        RoleChange(
            user=user,
            user_email=user.email,
            role=group.name,
            action=action,
            changed_by=by,
        )
        for user, group in pairs
    )
