"""Audiences' pages in the admin's "Consultations" menu, as viewsets.

- Review periods: hand-written pages (``review_admin.py``) that no model
  listing expresses (each consultation's review state, a planning form).
- Subject rights: hand-written pages (``subject_rights_admin.py``) in the
  Settings menu.
- Nominations: a read-only listing of every nomination for officers, with
  filters and search; each row leads to the nominations page of the public
  site, where service managers (who have no admin) and officers nominate.

Both join the menu defined by ``surveys.admin_viewsets`` through its hook.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from consult.accounts.admin_menus import menu_item_shown_if
from consult.accounts.read_only_admin import ReadOnlyViewSet
from consult.accounts.rules import is_officer
from surveys.admin_viewsets import CONSULTATIONS_MENU

from . import review_admin, subject_rights_admin
from .models import Nomination


class ReviewPeriodViewSet(ViewSet):
    name = "review_periods"
    url_prefix = "review-periods"
    icon = "comment"
    menu_label = _("Review periods")
    menu_hook = CONSULTATIONS_MENU
    menu_order = 3
    menu_item_class = menu_item_shown_if(is_officer, "ReviewPeriodsMenuItem")

    def get_urlpatterns(self):
        return [
            path("", review_admin.review_index, name="index"),
            path("<uuid:consultation_id>/", review_admin.review_open, name="open"),
        ]


class SubjectRightsViewSet(ViewSet):
    """Officers find, download and erase one person's data (requests under
    data protection law); in the Settings menu, next to the audit log."""

    name = "subject_rights"
    url_prefix = "subject-rights"
    icon = "user"
    menu_label = _("Subject rights")
    add_to_settings_menu = True
    menu_order = 630
    menu_item_class = menu_item_shown_if(is_officer, "SubjectRightsMenuItem")

    def get_urlpatterns(self):
        return [
            path("", subject_rights_admin.subject_index, name="index"),
            path("export/", subject_rights_admin.subject_export, name="export"),
            path("erase/", subject_rights_admin.subject_erase, name="erase"),
        ]


class NominationFilterSet(WagtailFilterSet):
    class Meta:
        model = Nomination
        fields = ["consultation", "service", "relationship", "consent_to_contact"]


def _nominations_page(nomination):
    return reverse(
        "audiences:nominations", kwargs={"consultation_id": nomination.consultation_id}
    )


class NominationIndexView(IndexView):
    """The listing, with a way to the public site's nominations pages."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Nominate on the site"),
                url=reverse("audiences:index"),
                icon_name="group",
            ),
        ]


class NominationViewSet(ReadOnlyViewSet):
    """Officers list nominations here; nominating stays on the public site."""

    model = Nomination
    name = "nominations"
    icon = "group"
    menu_label = _("Nominations")
    menu_hook = CONSULTATIONS_MENU
    menu_order = 4
    index_view_class = NominationIndexView
    list_display = [
        "__str__",
        TitleColumn(
            "consultation",
            label=_("Consultation (nominations page)"),
            get_url=_nominations_page,
        ),
        "service",
        "relationship",
        Column("consent_to_contact", label=_("Consent to contact")),
        "created_at",
    ]
    filterset_class = NominationFilterSet
    search_fields = ["name", "email", "consultation__title"]
    ordering = ["-created_at"]

    def can_view(self, user) -> bool:
        return is_officer(user)
