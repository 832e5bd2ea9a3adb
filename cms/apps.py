from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Pages"

    def ready(self):
        from surveys import page_links

        from . import signals  # noqa: F401
        from .links import consultation_page_url

        page_links.register(consultation_page_url)
