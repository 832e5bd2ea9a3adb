from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = "Audiences"

    def ready(self):
        # The signal receivers, and the review period's admin pages (hooks).
        from . import receivers, review_admin  # noqa: F401
