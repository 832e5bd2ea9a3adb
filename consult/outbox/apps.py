from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "consult.outbox"
    label = "outbox"
    verbose_name = _("Task outbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from celery.signals import task_success

        task_success.connect(_task_done, weak=False, dispatch_uid="outbox.task_done")


def _task_done(sender=None, **kwargs):
    """A task sent from the outbox ran to the end: its row is done."""
    from .services import mark_done

    mark_done(sender.request.id)
