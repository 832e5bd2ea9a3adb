"""Admin: the Consultations and Responses menus (``admin_viewsets.py``)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import version_hooks  # noqa: F401  a survey's other versions
from .admin_viewsets import ConsultationsGroup, ResponsesGroup

register_snippet(ConsultationsGroup)


@hooks.register("register_admin_viewset")
def register_responses_menu():
    return ResponsesGroup()
