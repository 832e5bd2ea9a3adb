"""Equalities monitoring answers: special category data, stored apart."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class EqualityMonitoring(models.Model):
    """One respondent's optional equalities answers, stored apart (see equalities.py).

    No foreign key to Response: ``response_link`` is an HMAC of its id. Only
    aggregate reports read this table; it never appears in exports.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "surveys.Round", on_delete=models.CASCADE, related_name="+"
    )
    response_link = models.CharField(max_length=64, unique=True)
    age_band = models.CharField(max_length=40, blank=True)
    sex = models.CharField(max_length=40, blank=True)
    gender_identity = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    religion = models.CharField(max_length=40, blank=True)
    disability = models.CharField(max_length=40, blank=True)
    sexual_orientation = models.CharField(max_length=40, blank=True)
    caring = models.CharField(max_length=40, blank=True)
    # The day only: an exact time could be matched to a response's.
    created_on = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("equalities monitoring answers")
        verbose_name_plural = _("equalities monitoring answers")

    def __str__(self):
        return f"Equalities monitoring {self.pk}"
