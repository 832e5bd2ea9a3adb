from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = "Audiences"

    def ready(self):
        from . import receivers  # noqa: F401 -- connects the signal receivers
        from . import review_admin  # noqa: F401 -- the review period's admin pages
