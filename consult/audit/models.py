from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One officer action on personal data. Written, never changed; deleted
    only by the retention sweep after ``AUDIT_RETENTION_DAYS``."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Exported")
        VIEW_QUOTES = "view_quotes", _("Viewed answers")
        ROLE_CHANGE = "role_change", _("Changed roles")
        ERASURE = "erasure", _("Erased")
        IMPORT = "import", _("Imported")
        SUBJECT_EXPORT = "subject_export", _("Exported a person's data")
        SUBJECT_FIND = "subject_find", _("Looked up a person's data")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text too: the account may be deleted, the record may not.
    actor_email = models.CharField(_("who (e-mail)"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    target = models.CharField(_("on what"), max_length=300, blank=True)
    detail = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.target}"
        )
