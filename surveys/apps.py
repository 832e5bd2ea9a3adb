from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from . import (
            sections,  # noqa: F401 -- connects the question-change receivers
            versions,  # noqa: F401 -- and the version-change ones
        )
