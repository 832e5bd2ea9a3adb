"""The admin's "Analysis" menu, as one group of viewsets.

- Analysis: the dashboards (progress, themes with quotes, candidate themes)
  are hand-written pages no model listing expresses; the viewset gives them
  their menu item. Their URLs keep their flat names (``analysis_index`` ...),
  registered in ``wagtail_hooks.py``, since templates and tests name them.
- Theme codebooks: a snippet, edited with its themes inline.
- Tag decisions and codebook changes: read-only listings of the history kept
  by django-simple-history (``ThemeAssignment.history``, ``Theme.history``),
  with who and when, filtered to the consultations the person may read.
"""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consult.accounts.admin_menus import menu_item_shown_if
from consult.accounts.read_only_admin import ReadOnlyViewSet

from . import rules
from .models import Codebook, Theme, ThemeAssignment

TagDecision = ThemeAssignment.history.model
ThemeChange = Theme.history.model
HISTORY_TYPES = [("+", _("Added")), ("~", _("Changed")), ("-", _("Removed"))]


class AnalysisViewSet(ViewSet):
    name = "analysis"
    icon = "tag"
    menu_label = _("Analysis")
    menu_item_class = menu_item_shown_if(rules.can_see_analysis_menu, "AnalysisItem")

    @cached_property
    def menu_url(self):
        return reverse("analysis_index")


class CodebookForm(WagtailAdminModelForm):
    """Parent themes are chosen among the same codebook's themes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        siblings = Theme.objects.filter(codebook=self.instance.pk).order_by("name")
        themes = self.formsets.get("themes")
        if themes is None:
            return
        for form in [*themes.forms, themes.empty_form]:
            if "parent" in form.fields:
                form.fields["parent"].queryset = (
                    siblings if self.instance.pk else Theme.objects.none()
                )

    def clean(self):
        cleaned = super().clean()
        themes = self.formsets.get("themes")
        for form in themes.forms if themes else []:
            parent = form.cleaned_data.get("parent") if form.is_valid() else None
            if parent and form.instance.pk and parent.pk == form.instance.pk:
                form.add_error("parent", _("A theme cannot be its own parent."))
        return cleaned


class CodebookIndexView(SnippetIndexView):
    """Each row leads to the consultation's analysis and its codebook changes."""

    def get_list_more_buttons(self, instance):
        kwargs = {"consultation_id": instance.consultation_id}
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(
                _("Analysis"), reverse("analysis_consultation", kwargs=kwargs)
            ),
            ListingButton(
                _("Changes"),
                reverse("codebook_changes:index") + f"?codebook={instance.pk}",
            ),
        ]


class CodebookViewSet(SnippetViewSet):
    model = Codebook
    icon = "tag"
    menu_label = _("Theme codebooks")
    index_view_class = CodebookIndexView
    list_display = ["consultation", "updated_at"]
    search_fields = ["consultation__title"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            InlinePanel("themes", label=_("Theme"), heading=_("Themes")),
        ],
        base_form_class=CodebookForm,
    )


def _readable(request):
    return rules.reviewable_consultations(request.user)


def _readable_codebooks(request):
    return Codebook.objects.filter(consultation__in=_readable(request))


class HistoryIndexView(IndexView):
    """A history listing, limited to the consultations the person may read."""

    consultation_path = "consultation"
    related = ()

    def get_base_queryset(self):
        readable = rules.reviewable_consultations(self.request.user).values("pk")
        return (
            super()
            .get_base_queryset()
            .filter(**{f"{self.consultation_path}__in": readable})
            .select_related("history_user", *self.related)
        )


class HistoryViewSet(ReadOnlyViewSet):
    """Officers, and leads (on the consultations they lead, see the view)."""

    def can_view(self, user) -> bool:
        return rules.can_see_analysis_menu(user)


class TagDecisionIndexView(HistoryIndexView):
    related = ("theme", "consultation")


class TagDecisionFilterSet(WagtailFilterSet):
    consultation = ModelChoiceFilter(queryset=_readable, label=_("Consultation"))

    class Meta:
        model = TagDecision
        fields = ["decision", "consultation"]


def _theme_name(row) -> str:
    return row.theme.name if row.theme else _("(a theme since removed)")


class TagDecisionViewSet(HistoryViewSet):
    """Every confirm or reject of a tag: who, what, when."""

    model = TagDecision
    name = "tag_decisions"
    icon = "history"
    menu_label = _("Tag decisions")
    index_view_class = TagDecisionIndexView
    list_display = [
        DateColumn("history_date", label=_("When"), sort_key="history_date"),
        UserColumn("history_user", label=_("Who"), blank_display_name=_("System")),
        "decision",
        Column("theme", label=_("Theme"), accessor=_theme_name),
        "consultation",
        Column("answer_id", label=_("Answer")),
    ]
    filterset_class = TagDecisionFilterSet
    ordering = ["-history_date"]


class ThemeChangeIndexView(HistoryIndexView):
    consultation_path = "codebook__consultation"
    related = ("codebook__consultation",)


class ThemeChangeFilterSet(WagtailFilterSet):
    history_type = ChoiceFilter(choices=HISTORY_TYPES, label=_("Change"))
    codebook = ModelChoiceFilter(queryset=_readable_codebooks, label=_("Codebook"))

    class Meta:
        model = ThemeChange
        fields = ["history_type", "codebook"]


class ThemeChangeViewSet(HistoryViewSet):
    """Every change to a codebook's themes: who, what, when."""

    model = ThemeChange
    name = "codebook_changes"
    icon = "history"
    menu_label = _("Codebook changes")
    index_view_class = ThemeChangeIndexView
    list_display = [
        DateColumn("history_date", label=_("When"), sort_key="history_date"),
        UserColumn("history_user", label=_("Who"), blank_display_name=_("System")),
        Column("history_type", label=_("Change"), accessor="get_history_type_display"),
        "name",
        "key",
        Column("codebook", label=_("Codebook"), accessor="codebook"),
    ]
    filterset_class = ThemeChangeFilterSet
    search_fields = ["name", "key"]
    ordering = ["-history_date"]


class AnalysisGroup(SnippetViewSetGroup):
    items = (AnalysisViewSet, CodebookViewSet, TagDecisionViewSet, ThemeChangeViewSet)
    menu_label = _("Analysis")
    menu_icon = "tag"
    menu_order = 170
