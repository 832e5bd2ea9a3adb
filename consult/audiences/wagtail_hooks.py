"""Admin: review periods and nominations in the Consultations menu
(``admin_viewsets.py``), and a per-row "Review period" action on consultations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from consult.accounts.rules import is_officer
from surveys.models import Consultation

from . import review
from .admin_viewsets import (
    NominationViewSet,
    ReviewPeriodViewSet,
    SubjectRightsViewSet,
)


@hooks.register("register_admin_viewset")
def register_audiences_viewsets():
    return [ReviewPeriodViewSet(), NominationViewSet(), SubjectRightsViewSet()]


@hooks.register("register_snippet_listing_buttons")
def review_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Consultation)
        and is_officer(user)
        and review.can_open_review(snippet)
    ):
        yield ListingButton(
            _("Review period"),
            reverse("review_periods:open", args=[snippet.pk]),
            priority=30,
        )
