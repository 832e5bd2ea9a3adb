from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "consult.organisation"
    label = "organisation"
    verbose_name = "Organisation"
