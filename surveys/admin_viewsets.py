"""The admin's "Consultations" and "Responses" menus, as Wagtail viewsets.

- Consultations (group): consultation records and surveys, as snippets with
  filters, search and per-row actions. Apps above surveys add their pages to
  this menu through ``CONSULTATIONS_MENU`` (audiences: review periods and
  nominations), so nothing here imports them.
- Responses (group): exports and imports. Both are hand-written pages (counts
  by channel; the column-mapping wizard) that no model listing expresses;
  the viewsets give them their menu items and URLs.

Registered in ``wagtail_hooks.py``.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from consult.accounts.admin_menus import menu_item_shown_if

from .admin_forms import SurveyAdminForm, SurveyChooserViewSet
from .models import Consultation, Survey
from .rules import can_export, can_import
from .views import admin_exports, admin_imports, admin_surveys

# Hook through which other apps add items to the "Consultations" menu.
CONSULTATIONS_MENU = "register_consultations_menu_item"


class ConsultationFilterSet(WagtailFilterSet):
    class Meta:
        model = Consultation
        fields = ["audience", "services"]


class ConsultationViewSet(SnippetViewSet):
    """Officers create consultation records (dates, audience, rounds) here."""

    model = Consultation
    icon = "calendar-alt"
    menu_label = _("Consultations")
    list_display = ["title", "audience", "status"]
    filterset_class = ConsultationFilterSet
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("audience"),
        FieldPanel("services"),
        FieldPanel("leads"),
        MultiFieldPanel(
            [InlinePanel("rounds", label=_("Round"), min_num=1, max_num=2)],
            heading=_("Rounds: the main round, and an optional review period"),
        ),
    ]


class SurveyFilterSet(WagtailFilterSet):
    class Meta:
        model = Survey
        fields = ["include_equalities"]


class SurveyIndexView(IndexView):
    """Each row offers "Copy with questions" to those who may add surveys."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("surveys.add_survey"):
            buttons.append(
                ListingButton(
                    _("Copy with questions"),
                    self.copy_with_questions_url(instance),
                    priority=20,
                )
            )
        return buttons

    def copy_with_questions_url(self, instance):
        return reverse(
            "wagtailsnippets_surveys_survey:copy_with_questions", args=[instance.pk]
        )


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    index_view_class = SurveyIndexView
    list_display = ["title", "updated_at"]
    filterset_class = SurveyFilterSet
    search_fields = ["title"]
    # Wagtail's own copy would leave the questions behind; ours copies them.
    copy_view_enabled = False
    # Show-if offers this survey's own questions; the chooser tells surveys apart.
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("introduction"),
            FieldPanel("include_equalities"),
            InlinePanel("questions", label="Question", heading="Questions, in order"),
        ],
        base_form_class=SurveyAdminForm,
    )
    chooser_viewset_class = SurveyChooserViewSet

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "copy-with-questions/<uuid:pk>/",
                admin_surveys.copy_survey_view,
                name="copy_with_questions",
            ),
        ]


class ConsultationsGroup(SnippetViewSetGroup):
    items = (ConsultationViewSet, SurveyViewSet)
    menu_label = _("Consultations")
    menu_icon = "calendar-alt"
    menu_order = 150
    submenu_hook = CONSULTATIONS_MENU


class ResponseExportViewSet(ViewSet):
    name = "response_exports"
    url_prefix = "response-exports"
    icon = "download"
    menu_label = _("Response exports")
    menu_item_class = menu_item_shown_if(can_export, "ResponseExportsMenuItem")

    def get_urlpatterns(self):
        return [path("", admin_exports.exports_index, name="index")]


class ResponseImportViewSet(ViewSet):
    name = "response_imports"
    url_prefix = "response-imports"
    icon = "upload"
    menu_label = _("Response imports")
    menu_item_class = menu_item_shown_if(can_import, "ResponseImportsMenuItem")

    def get_urlpatterns(self):
        return [
            path("", admin_imports.imports_index, name="index"),
            path("<uuid:pk>/columns/", admin_imports.import_mapping, name="mapping"),
            path("<uuid:pk>/", admin_imports.import_report, name="report"),
        ]


class ResponsesGroup(ViewSetGroup):
    items = (ResponseExportViewSet, ResponseImportViewSet)
    menu_label = _("Responses")
    menu_icon = "download"
    menu_order = 160

    @cached_property
    def menu_name(self):
        return "responses"
