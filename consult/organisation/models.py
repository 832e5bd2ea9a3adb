"""The council's services and who manages them.

Consultations concern services (surveys), service managers nominate service
users (audiences) and reports break figures down by service: the layer below
all three, so that none of them imports another for it.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.Model):
    """A council service. Consultations concern services; managers nominate users."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    managers = models.ManyToManyField(
        "accounts.User",
        blank=True,
        related_name="managed_services",
        verbose_name=_("service managers"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Moved from the audiences app (decision 0007): the table keeps its name.
        db_table = "audiences_service"
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name
