"""Admin: officers download responses per round, import them from files, and
build surveys."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import version_hooks  # noqa: F401  a survey's other versions
from .admin_forms import SurveyAdminForm, SurveyChooserViewSet
from .channels import ASSISTED_CHANNELS, Channel
from .models import Draft, Round, Survey
from .rules import IMPORT_PERMISSION
from .services import copy_survey

EXPORT_PERMISSION = "surveys.export_responses"
# How responses came in, as counted on the exports page.
CHANNEL_GROUPS = {
    "online": [Channel.ONLINE],
    "assisted": list(ASSISTED_CHANNELS),
    "imported": [Channel.IMPORTED],
}


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def exports_index(request):
    rounds = (
        Round.objects.filter(survey__isnull=False)
        .select_related("consultation", "survey")
        .annotate(
            late_drafts=Count(
                "drafts", filter=Q(drafts__refused_at__isnull=False), distinct=True
            ),
            **{
                f"{name}_responses": Count(
                    "responses",
                    filter=Q(
                        responses__channel__in=channels,
                        responses__withdrawn_at__isnull=True,
                    ),
                    distinct=True,
                )
                for name, channels in CHANNEL_GROUPS.items()
            },
        )
        .order_by("-opens_at")
    )
    late = (
        Draft.objects.filter(refused_at__isnull=False)
        .select_related("round__consultation")
        .order_by("-refused_at")[:200]
    )
    return render(
        request, "surveys/admin/exports.html", {"rounds": rounds, "late": late}
    )


@hooks.register("register_admin_urls")
def register_export_urls():
    return [path("response-exports/", exports_index, name="surveys_exports")]


class ExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return ExportsMenuItem(
        "Response exports", reverse("surveys_exports"), icon_name="download", order=160
    )


@hooks.register("register_admin_urls")
def register_import_urls():
    from . import import_views

    return [
        path("response-imports/", import_views.imports_index, name="surveys_imports"),
        path(
            "response-imports/<uuid:pk>/columns/",
            import_views.import_mapping,
            name="surveys_import_mapping",
        ),
        path(
            "response-imports/<uuid:pk>/",
            import_views.import_report,
            name="surveys_import_report",
        ),
    ]


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_imports_menu_item():
    return ImportsMenuItem(
        "Response imports", reverse("surveys_imports"), icon_name="upload", order=161
    )


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = "Surveys"
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["title", "updated_at"]
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


register_snippet(SurveyViewSet)


class CopySurveyForm(forms.Form):
    title = forms.CharField(label="Title of the copy", max_length=255)


@permission_required("surveys.add_survey", raise_exception=True)
def copy_survey_view(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    form = CopySurveyForm(
        request.POST or None, initial={"title": f"Copy of {survey.title}"}
    )
    if request.method == "POST" and form.is_valid():
        copy = copy_survey(survey=survey, title=form.cleaned_data["title"])
        messages.success(request, f"Copied “{survey.title}” with its questions.")
        return redirect("wagtailsnippets_surveys_survey:edit", copy.pk)
    return render(
        request, "surveys/admin/copy_survey.html", {"survey": survey, "form": form}
    )


@hooks.register("register_admin_urls")
def register_copy_url():
    return [path("surveys/copy/<uuid:pk>/", copy_survey_view, name="surveys_copy")]


@hooks.register("register_snippet_listing_buttons")
def copy_button(snippet, user, next_url=None):
    if isinstance(snippet, Survey) and user.has_perm("surveys.add_survey"):
        yield ListingButton(
            "Copy with questions",
            reverse("surveys_copy", args=[snippet.pk]),
            priority=20,
        )
