from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "consult.audiences"
    label = "audiences"
    verbose_name = "Audiences"
