"""Admin: the history of role changes (``admin_viewsets.py``)."""

from wagtail import hooks

from .admin_viewsets import RoleChangeViewSet


@hooks.register("register_admin_viewset")
def register_role_changes():
    return RoleChangeViewSet()
