"""A plain Wagtail form page: what a council would otherwise use (benchmark only)."""

from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class BenchFormField(AbstractFormField):
    page = ParentalKey("BenchFormPage", related_name="form_fields")


class BenchFormPage(AbstractForm):
    template = "formpage/form_page.html"
    landing_page_template = "formpage/form_page_landing.html"
