from django.apps import AppConfig


class EqualityEvidenceConfig(AppConfig):
    name = "consult.reports.equalities"
    label = "equality_evidence"
    verbose_name = "Equality evidence"
    default_auto_field = "django.db.models.BigAutoField"
