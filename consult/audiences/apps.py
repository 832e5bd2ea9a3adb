from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = _("Audiences")

    def ready(self):
        # The signal receivers (admin viewsets are registered in wagtail_hooks),
        # and the check that an invitation's admission still holds.
        from surveys.admission import register_admission_check

        from . import receivers  # noqa: F401
        from .services import admission_still_valid

        register_admission_check(admission_still_valid)
