"""Reports in the Wagtail admin: a "Reports" menu item for officers and project
leads, and a "Report" button on each consultation in the admin listing."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from surveys.models import Consultation

from . import rules


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Reports"), reverse("reports:index"), icon_name="doc-full", order=172
    )


@hooks.register("register_snippet_listing_buttons")
def report_button(snippet, user, next_url=None):
    if not isinstance(snippet, Consultation):
        return []
    if not rules.readable_consultations(user).filter(pk=snippet.pk).exists():
        return []
    return [
        ListingButton(
            _("Report"),
            reverse("reports:report", kwargs={"consultation_id": snippet.pk}),
            icon_name="doc-full",
            priority=50,
        )
    ]
