"""The "Analysis" admin menu, its pages, and codebook editing as a snippet."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import candidate_views, rules, views
from .models import Codebook, Theme


@hooks.register("register_admin_urls")
def register_analysis_urls():
    c = "analysis/<uuid:consultation_id>/"
    return [
        path("analysis/", views.index, name="analysis_index"),
        path(c, views.consultation, name="analysis_consultation"),
        path(f"{c}run/", views.run_analysis, name="analysis_run"),
        path(f"{c}cancel/", views.cancel_analysis, name="analysis_cancel"),
        path(f"{c}resume/", views.resume_analysis, name="analysis_resume"),
        path(f"{c}learning/", views.measure_learning, name="analysis_measure"),
        path(f"{c}themes/<uuid:theme_id>/", views.theme, name="analysis_theme"),
        path(f"{c}codebook/import/", views.import_codebook, name="analysis_import"),
        path(
            f"{c}codebook/export.<str:fmt>",
            views.export_codebook,
            name="analysis_export",
        ),
        path(
            "analysis/tags/<uuid:assignment_id>/decide/",
            views.decide_tag,
            name="analysis_decide",
        ),
        *_candidate_urls(c),
    ]


def _candidate_urls(c):
    one = f"{c}candidates/<uuid:candidate_id>/"
    return [
        path(f"{c}candidates/", candidate_views.candidates, name="analysis_candidates"),
        path(
            f"{c}candidates/refresh/",
            candidate_views.refresh,
            name="analysis_candidates_refresh",
        ),
        path(f"{one}accept/", candidate_views.accept, name="analysis_candidate_accept"),
        path(
            f"{one}dismiss/", candidate_views.dismiss, name="analysis_candidate_dismiss"
        ),
        path(f"{one}rename/", candidate_views.rename, name="analysis_candidate_rename"),
        path(f"{one}merge/", candidate_views.merge, name="analysis_candidate_merge"),
    ]


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_see_analysis_menu(request.user)


@hooks.register("register_admin_menu_item")
def register_analysis_menu_item():
    return AnalysisMenuItem(
        "Analysis", reverse("analysis_index"), icon_name="tag", order=170
    )


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
                form.add_error("parent", "A theme cannot be its own parent.")
        return cleaned


class CodebookViewSet(SnippetViewSet):
    model = Codebook
    icon = "tag"
    menu_label = "Theme codebooks"
    menu_order = 171
    add_to_admin_menu = True
    list_display = ["consultation", "updated_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            InlinePanel("themes", label="Theme", heading="Themes"),
        ],
        base_form_class=CodebookForm,
    )


register_snippet(CodebookViewSet)
