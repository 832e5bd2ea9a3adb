"""Admin hooks of the pages app, one module per concern."""

from django.urls import path
from wagtail import hooks

from . import (
    admin_a11y_hooks,  # noqa: F401  fixes for Wagtail's own widgets
    publishing_hooks,  # noqa: F401  "New consultation", in one pass
)


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
