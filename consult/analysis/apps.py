from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "consult.analysis"
    label = "analysis"
    verbose_name = "Analysis"
