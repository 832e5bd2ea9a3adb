"""The audit log in the Wagtail admin's Settings menu: a read-only listing for
officers, with filters (who, what, when) and search. Entries are written by
the platform (``consult.audit.services.record``) and deleted only by the
retention sweep after ``AUDIT_RETENTION_DAYS``."""

import django_filters
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView

from consult.audit.models import AuditEntry

from .read_only_admin import ReadOnlyViewSet
from .rules import is_officer


def _actors(request):
    """Only people who appear in the log: not every account."""
    return (
        get_user_model()
        .objects.filter(pk__in=AuditEntry.objects.values("actor"))
        .order_by("email")
    )


class AuditEntryFilterSet(WagtailFilterSet):
    actor = django_filters.ModelChoiceFilter(label=_("Who"), queryset=_actors)
    at = django_filters.DateFromToRangeFilter(label=_("When"))

    class Meta:
        model = AuditEntry
        fields = ["action", "actor", "at"]


class AuditIndexView(IndexView):
    """Says what is logged and how long entries are kept."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_days"] = settings.AUDIT_RETENTION_DAYS
        return context


class AuditEntryViewSet(ReadOnlyViewSet):
    model = AuditEntry
    name = "audit_log"
    url_prefix = "audit-log"
    icon = "list-ul"
    menu_label = _("Audit log")
    add_to_settings_menu = True
    menu_order = 620  # after Role changes (610)
    index_view_class = AuditIndexView
    index_template_name = "accounts/audit_log_index.html"
    list_display = [
        DateColumn("at", label=_("When"), sort_key="at"),
        Column("actor_email", label=_("Who")),
        Column("action", label=_("What"), accessor="get_action_display"),
        Column("target", label=_("On what")),
        Column("detail", label=_("Details")),
    ]
    filterset_class = AuditEntryFilterSet
    search_fields = ["actor_email", "target", "detail"]
    ordering = ["-at"]

    def can_view(self, user) -> bool:
        return is_officer(user)
