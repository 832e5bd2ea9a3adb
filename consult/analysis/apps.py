from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "consult.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self):
        from . import receivers  # noqa: F401 -- connects the signal receivers
