from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "consult.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from . import receivers  # noqa: F401 -- keeps the report figures fresh
