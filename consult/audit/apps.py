from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "consult.audit"
    label = "audit"
    verbose_name = "Audit log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 -- role changes
