from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "consult.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self):
        from . import checks, receivers  # noqa: F401 -- registers checks and receivers
