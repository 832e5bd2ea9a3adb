"""Sending an invitation for real and reading its link back from the message."""

import re

from django.core import mail

from consult.audiences import delivery, sms
from consult.audiences.models import Delivery

LINK = re.compile(r"/audiences/invitation/([A-Za-z0-9_-]+)/")


def send(invitation, kind=Delivery.Kind.INVITATION) -> str:
    """Send the invitation (or reminder); return the token from its link."""
    assert delivery.deliver(invitation_id=invitation.pk, kind=kind)
    return last_token()


def last_token() -> str:
    bodies = [m.body for m in mail.outbox] + [m["body"] for m in sms.outbox]
    return LINK.findall(bodies[-1])[-1]
