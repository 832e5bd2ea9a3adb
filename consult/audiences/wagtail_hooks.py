"""Admin menu: officers reach the nomination pages (on the public site) from /admin/."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .rules import can_use_nominations


class NominationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_nominations(request.user)


@hooks.register("register_admin_menu_item")
def register_nominations_menu_item():
    return NominationsMenuItem(
        "Nominations", reverse("audiences:index"), icon_name="group", order=170
    )
