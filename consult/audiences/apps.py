from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = "Audiences"

    def ready(self):
        # The signal receivers, and the review period's admin pages (hooks).
        from surveys.admission import register_admission_check

        from . import receivers, review_admin  # noqa: F401
        from .services import admission_still_valid

        register_admission_check(admission_still_valid)
