"""Keep the consultation's outcome date in step with its outcome page."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from surveys.services import record_outcome

from .models import OutcomePage


@receiver(page_published, sender=OutcomePage)
def outcome_published(sender, instance, **kwargs):
    consultation = instance.get_parent().specific.consultation
    if consultation:
        record_outcome(consultation=consultation, published=True)


@receiver(page_unpublished, sender=OutcomePage)
def outcome_unpublished(sender, instance, **kwargs):
    consultation = instance.get_parent().specific.consultation
    if consultation:
        record_outcome(consultation=consultation, published=False)
