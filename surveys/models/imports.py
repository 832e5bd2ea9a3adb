"""Uploads of responses from files, and the record of what each brought in."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseImport(models.Model):
    """One upload of responses from a file, and the record of what it brought in.

    The file stays in ``content`` only between the upload and the import (or
    cancelling), so that every step reads it server-side; then it is emptied and
    the row remains as the record: who, when, which round, how many.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, not yet imported")
        IMPORTED = "imported", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.CASCADE,
        related_name="imports",
        verbose_name=_("round"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)  # "csv" or "xlsx"
    # The uploaded bytes, kept in the database so any web worker can read them.
    content = models.BinaryField(null=True, editable=False)
    columns = models.JSONField(_("column headings"), default=list)
    # Column index (as a string) -> question id, or SOURCE_COLUMN.
    mapping = models.JSONField(_("column mapping"), default=dict)
    source = models.CharField(_("source"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    accepted_count = models.PositiveIntegerField(_("rows accepted"), default=0)
    refused_count = models.PositiveIntegerField(_("rows refused"), default=0)
    imported_count = models.PositiveIntegerField(_("responses imported"), default=0)
    # The first refused rows with their reasons: [{"row": 7, "problems": [...]}].
    refused_rows = models.JSONField(_("refused rows"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response import")
        verbose_name_plural = _("response imports")
        permissions = [("import_responses", "Can import responses from files")]

    def __str__(self):
        return f"{self.file_name} into {self.round}"
