from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "consult.analysis"
    label = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from . import checks, receivers  # noqa: F401 -- registers checks and receivers
