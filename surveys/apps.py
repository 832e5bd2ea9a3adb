from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from . import (
            sections,  # noqa: F401 -- connects the question-change receivers
            versions,  # noqa: F401 -- and the version-change ones
        )
