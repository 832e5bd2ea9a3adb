"""Admin: officers create consultation records (dates, audience, rounds) here."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from surveys.models import Consultation

from . import (
    admin_a11y_hooks,  # noqa: F401  fixes for Wagtail's own widgets
    publishing_hooks,  # noqa: F401  "New consultation", in one pass
)


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
