"""Role changes in the admin's Settings menu, next to Users and Groups: a
read-only listing for superusers (who alone manage roles)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import DateColumn, UserColumn

from .models import RoleChange
from .read_only_admin import ReadOnlyViewSet


class RoleChangeFilterSet(WagtailFilterSet):
    class Meta:
        model = RoleChange
        fields = ["action", "role"]


class RoleChangeViewSet(ReadOnlyViewSet):
    model = RoleChange
    name = "role_changes"
    icon = "history"
    menu_label = _("Role changes")
    add_to_settings_menu = True
    menu_order = 610  # after Users (600) and Groups
    list_display = [
        DateColumn("changed_at", label=_("When"), sort_key="changed_at"),
        "user_email",
        "action",
        "role",
        UserColumn("changed_by", label=_("By"), blank_display_name=_("System")),
    ]
    filterset_class = RoleChangeFilterSet
    search_fields = ["user_email", "role"]
    ordering = ["-changed_at"]

    def can_view(self, user) -> bool:
        return user.is_superuser
