"""Assisted responses: a member of staff helps someone respond.

Families who cannot or would rather not respond online are helped at a
children's centre, on a home visit or by phone. The staff member starts an
assisted draft, then uses the normal responding pages (``views.py``): the draft
carries how it was made, who helped and the consent recorded, and hands them on
to the response when it is sent. Answers are stored exactly as typed.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .channels import ASSISTED_CHANNELS, Channel
from .models import Draft, Response, Round
from .rules import can_assist
from .services import RoundClosed

log = logging.getLogger(__name__)

CONSENT_WORDING = (
    "I have explained what the consultation is about and how the answers will be "
    "used. The respondent agreed that I help them respond, that I record their "
    "answers in their own words as they say them, and that their response is "
    "used for this consultation as set out in the privacy notice."
)


class AlreadyResponded(Exception):
    """A response has already been sent under this admission key for the round."""


def start_assisted_draft(
    *,
    round_: Round,
    staff_user,
    channel: str,
    language: str = "",
    consent: bool = True,
    admission_key: str = "",
    consent_wording: str = CONSENT_WORDING,
) -> Draft:
    """Start a draft that a member of staff fills in with a respondent.

    Contract, for the responding pages here and for other apps (the audiences
    app passes a nominee's invitation key as ``admission_key``):

    - ``staff_user`` must be allowed to assist (``rules.can_assist``: staff,
      service managers, officers), else ``PermissionDenied``.
    - ``channel`` is one of ``Channel.IN_PERSON``, ``PHONE`` or ``TRANSLATED``;
      a translated response needs ``language``. Anything else is ``ValueError``.
    - ``consent`` must be True: no assisted response without the respondent's
      consent (``ValueError``). The time and ``consent_wording`` are recorded.
    - ``round_`` must be open and have a survey, else ``RoundClosed``. Any
      audience is accepted: for a targeted consultation staff may help a
      walk-in family (``admission_key=""``) as well as a nominee.
    - With an ``admission_key`` that already has a response in the round,
      ``AlreadyResponded``; the key is otherwise kept on the draft and the
      database allows one response per key and round, as for online answers.

    Not idempotent by design: each call starts a new draft (an unsent draft is
    harmless). The draft has no respondent account; open it in the staff
    member's browser with ``browser_drafts.open_in_browser``.
    """
    if not can_assist(staff_user):
        raise PermissionDenied("Only staff may start an assisted response.")
    if channel not in ASSISTED_CHANNELS:
        raise ValueError(f"Not an assisted channel: {channel!r}")
    language = language.strip()
    if channel == Channel.TRANSLATED and not language:
        raise ValueError("A translated response needs the language.")
    if not consent:
        raise ValueError("An assisted response needs the respondent's consent.")
    if round_.survey_id is None or not round_.is_open_at():
        raise RoundClosed()
    with transaction.atomic():
        if (
            admission_key
            and Response.objects.filter(
                round=round_, admitted_by=admission_key
            ).exists()
        ):
            raise AlreadyResponded()
        draft = Draft.objects.create(
            round=round_,
            admitted_by=admission_key,
            channel=channel,
            channel_language=language if channel == Channel.TRANSLATED else "",
            assisted_by=staff_user,
            consent_recorded=True,
            consent_recorded_at=timezone.now(),
            consent_wording=consent_wording,
        )
    log.info(
        "assisted response started",
        extra={"draft": str(draft.pk), "round": str(round_.pk), "channel": channel},
    )
    return draft
