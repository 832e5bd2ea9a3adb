"""History of decisions: who changed what, and when.

django-simple-history keeps one row per change of a tracked model, with the
user who made it (set on the instance as ``_history_user`` by a service, or
taken from the request by ``HistoryRequestMiddleware``). Two refinements:

- ``ChangeHistory`` records a save only when a tracked field changed. Wagtail's
  inline panels save every child on every edit (a codebook's themes), which
  would bury the one real change among identical copies.
- ``DecisionHistory`` also leaves deletions out. It is for rows whose history
  is the decisions made on them (theme tags): a tag removed by a re-run or by
  a cascade is no decision, and a delete receiver would make every cascade
  load and delete those rows one by one.

The admin lists history read-only (``read_only_admin.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, pre_delete
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class ChangeHistory(HistoricalRecords):
    """Historical records of saves that changed something, and of deletions."""

    def copy_fields(self, model):
        """A history row is no child of a cluster: its ParentalKey (a theme's
        codebook) becomes a plain foreign key."""
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, ParentalKey):
                field.swappable = False  # deconstruct() before apps are ready
                _name, _path, args, kwargs = field.deconstruct()
                fields[name] = models.ForeignKey(*args, **kwargs)
                fields[name].name = field.name
        return fields

    def post_save(self, instance, created, using=None, **kwargs):
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if not created and self._unchanged(instance, using):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _unchanged(self, instance, using) -> bool:
        latest = getattr(instance, self.manager_name).using(using).first()
        if latest is None:
            return False
        return all(
            getattr(latest, field.attname) == getattr(instance, field.attname)
            for field in self.fields_included(instance)
            # Timestamps that move on every save are not a change.
            if not getattr(field, "auto_now", False)
        )


class DecisionHistory(ChangeHistory):
    """Historical records of creations and changes only, never of deletions."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            post_delete.disconnect(self.post_delete, sender=sender)
            pre_delete.disconnect(self.pre_delete, sender=sender)
