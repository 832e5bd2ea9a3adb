"""The survey preview's sections, each with its form.

A template tag rather than the model's preview context, so that the models
import neither the forms nor the sections built on them.
"""

from django import template

from surveys.forms import SectionForm
from surveys.sections import sections_of

register = template.Library()


@register.simple_tag
def preview_sections(survey) -> list:
    """``[(section, form), ...]`` for every section, unsaved questions included."""
    return [(s, SectionForm(s.questions)) for s in sections_of(survey)]
