from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = "Audiences"

    def ready(self):
        # The signal receivers (admin viewsets are registered in wagtail_hooks).
        from . import receivers  # noqa: F401
