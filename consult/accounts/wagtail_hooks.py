"""Admin: the history of role changes (``admin_viewsets.py``) and the audit
log (``audit_admin.py``)."""

from wagtail import hooks

from .admin_viewsets import RoleChangeViewSet
from .audit_admin import AuditEntryViewSet


@hooks.register("register_admin_viewset")
def register_role_changes():
    return [RoleChangeViewSet(), AuditEntryViewSet()]
