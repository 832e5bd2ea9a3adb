import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    """A Celery task to send once the transaction that recorded it commits.

    Written in the same transaction as the work it follows (a response, an
    import, invitations), so it exists if and only if that work does. The
    dispatcher sends it after the commit and stamps ``sent_at``; the sweep
    sends what a broker outage or a crash left behind. A task that succeeds
    stamps ``done_at`` (the Celery task id is the row's id); the sweep sends a
    row again whose task never finished: a broker may lose a delivered message
    (Redis stopped between a worker taking it and recording it as unacked).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Set while one process sends it, so that the sweep and the dispatcher
    # do not both send; a stale claim (a crash mid-send) is taken over.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox task")
        verbose_name_plural = _("outbox tasks")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            ),
            models.Index(fields=["sent_at"], name="outbox_sent_at"),
            models.Index(
                fields=["sent_at"],
                condition=models.Q(sent_at__isnull=False, done_at__isnull=True),
                name="outbox_sent_not_done",
            ),
        ]

    def __str__(self):
        state = "done" if self.done_at else "sent" if self.sent_at else "waiting"
        return f"{self.task} ({state})"
