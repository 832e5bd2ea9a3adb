"""Links to a survey's versions, each in its own language's pages."""

from django import template

from surveys.languages import start_url

register = template.Library()


@register.simple_tag
def version_start_url(round_, version=None) -> str:
    """The start page of ``version`` (None: the full version)."""
    return start_url(round_, version)
