from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from surveys import page_links

        from . import signals  # noqa: F401
        from .links import consultation_page_url

        page_links.register(consultation_page_url)
