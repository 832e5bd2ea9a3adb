"""Admin: officers create consultation records (dates, audience, rounds) here."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from surveys.models import Consultation


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "calendar-alt"
    menu_label = _("Consultations")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["title", "audience", "status"]
    list_filter = ["audience"]
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


register_snippet(ConsultationViewSet)


@hooks.register("register_admin_urls")
def register_outcome_urls():
    from .outcome_views import draft_outcome_from_report

    return [
        path(
            "outcomes/<uuid:consultation_id>/draft/",
            draft_outcome_from_report,
            name="cms_draft_outcome",
        )
    ]
