"""Admin URL and menu item for "New consultation" (imported by wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .publishing_views import PERMISSIONS, new_consultation


@hooks.register("register_admin_urls")
def register_new_consultation_url():
    return [path("consultations/new/", new_consultation, name="cms_new_consultation")]


class NewConsultationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(PERMISSIONS)


@hooks.register("register_admin_menu_item")
def register_new_consultation_menu_item():
    return NewConsultationMenuItem(
        _("New consultation"),
        reverse("cms_new_consultation"),
        icon_name="plus",
        order=140,
    )
