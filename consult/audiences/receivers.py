"""Reactions to surveys' signals: a nominee's response marks their invitation."""

from django.dispatch import receiver

from surveys.models import Response
from surveys.signals import response_submitted

from . import services


@receiver(response_submitted, sender=Response, dispatch_uid="audiences.responded")
def mark_invitation_responded(sender, response, **kwargs):
    if response.admitted_by:
        services.record_response(
            round_id=response.round_id, admission_key=response.admitted_by
        )
