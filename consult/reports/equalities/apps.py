from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EqualityEvidenceConfig(AppConfig):
    name = "consult.reports.equalities"
    label = "equality_evidence"
    verbose_name = _("Equality evidence")
    default_auto_field = "django.db.models.BigAutoField"
