from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "consult.reports"
    label = "reports"
    verbose_name = "Reports"
