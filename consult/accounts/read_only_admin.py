"""Read-only admin listings (history, nominations): who may list them is a
rule about the person; nobody adds, edits or deletes through them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy


class ViewOnlyPolicy(BasePermissionPolicy):
    """Permission to list (``view``) for whom ``can_view(user)`` allows; no
    one may add, change or delete."""

    def __init__(self, model, *, can_view):
        super().__init__(model)
        self.can_view = can_view

    def user_has_permission(self, user, action):
        return action == "view" and bool(self.can_view(user))

    def users_with_any_permission(self, actions):
        # Asked only by workflows and notifications, which these models lack.
        return get_user_model().objects.none()


class ReadOnlyViewSet(ModelViewSet):
    """A listing with filters and search; subclasses say who may see it."""

    copy_view_enabled = False
    add_to_reference_index = False
    exclude_form_fields = []  # the form is never shown: nobody may add or edit

    def can_view(self, user) -> bool:
        raise NotImplementedError

    def get_permissions_to_register(self):
        # The policy decides, not Django permissions: none to grant in Groups.
        return Permission.objects.none()

    def on_register(self):
        register_permission_policy(
            self.model, ViewOnlyPolicy(self.model, can_view=self.can_view)
        )
        super().on_register()
