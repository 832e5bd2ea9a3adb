"""Nominating, inviting, admitting by link, and forgetting contact details.

Keyword-only functions; each says why it exists and whether it is idempotent.
Sending itself is in ``delivery.py``; the Celery tasks in ``tasks.py`` call these.
"""

import hmac
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.outbox import services as outbox
from surveys.models import Consultation, Response, Round
from surveys.tokens import digest

from .models import Delivery, Invitation, Nomination

log = logging.getLogger(__name__)


class DuplicateNominee(Exception):
    """Someone with this e-mail address or mobile is already nominated."""


def nominate(*, consultation, service, by, details: dict) -> Nomination:
    """Record one nomination, with its invitation to the main round.

    ``details``: the cleaned form fields. Not idempotent by itself: a second
    nomination of the same e-mail or mobile raises ``DuplicateNominee``. When
    the round is open the invitation is sent once the nomination has committed.
    """
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                consultation=consultation,
                service=service,
                nominated_by=by,
                consent_recorded_at=timezone.now(),
                **details,
            )
            invitation = _invite_to_main_round(nomination)
    except IntegrityError as exc:
        raise DuplicateNominee() from exc
    log.info(
        "nominee added",
        extra={"nomination": str(nomination.pk), "service": service.slug},
    )
    if invitation and invitation.round.is_open_at():
        _send_on_commit([invitation.pk])
    return nomination


@transaction.atomic
def import_nominations(*, consultation, service, by, rows: list[dict]) -> int:
    """Create every row's nomination, or none: the caller checked every row first.

    All or nothing: a row that fails at the database (a duplicate added in the
    meantime) rolls the whole import back with ``DuplicateNominee``.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            created = Nomination.objects.bulk_create(
                [
                    Nomination(
                        consultation=consultation,
                        service=service,
                        nominated_by=by,
                        consent_recorded_at=now,
                        **row,
                    )
                    for row in rows
                ]
            )
    except IntegrityError as exc:
        raise DuplicateNominee() from exc
    audit.record(
        AuditEntry.Action.IMPORT,
        target=consultation,
        detail=f"{len(created)} nominees for {service}",
        actor=by,
    )
    round_ = consultation.main_round
    if round_ is not None:
        ensure_invitations(round_=round_, nominations=created)
        if round_.is_open_at():
            ids = list(
                Invitation.objects.filter(
                    round=round_, nomination__in=created
                ).values_list("pk", flat=True)
            )
            _send_on_commit(ids)
    log.info(
        "nominees imported",
        extra={"consultation": str(consultation.pk), "count": len(created)},
    )
    return len(created)


def _invite_to_main_round(nomination: Nomination) -> Invitation | None:
    round_ = nomination.consultation.main_round
    if round_ is None:
        return None
    ensure_invitations(round_=round_, nominations=[nomination])
    return Invitation.objects.select_related("round").get(
        round=round_, nomination=nomination
    )


def ensure_invitations(*, round_: Round, nominations=None) -> int:
    """An (unsent) invitation to ``round_`` for each nomination that has none.

    ``nominations`` defaults to all of the consultation's with contact details.
    Idempotent: the unique (nomination, round) constraint skips existing ones.
    """
    if nominations is None:
        nominations = round_.consultation.nominations.with_contact()
    made = Invitation.objects.bulk_create(
        [
            Invitation(nomination=n, round=round_, expires_at=round_.closes_at)
            for n in nominations
        ],
        ignore_conflicts=True,
    )
    return len(made)


def _send_on_commit(invitation_ids) -> None:
    """Record the sending in the outbox, in the caller's transaction."""
    from .tasks import CHUNK

    ids = [str(i) for i in invitation_ids]
    outbox.enqueue_many(
        "audiences.send_messages",
        [
            [ids[start : start + CHUNK], Delivery.Kind.INVITATION]
            for start in range(0, len(ids), CHUNK)
        ],
    )


def open_rounds_to_invite():
    """Main rounds of targeted consultations, and review rounds, open now."""
    now = timezone.now()
    return Round.objects.filter(
        # Review periods invite earlier respondents too, whatever the audience.
        Q(consultation__audience=Consultation.Audience.TARGETED)
        | Q(kind=Round.Kind.REVIEW),
        opens_at__lte=now,
        closes_at__gt=now,
    )


def usable_invitation(token: str) -> Invitation | None:
    """The invitation this link belongs to, if the link may still admit someone.

    Unknown, tampered, used, expired, erased and other rounds' links all give
    None, so a wrong token answers exactly as a missing one does. The lookup is
    by SHA-256 of the token (an index search reveals nothing about the token);
    the final comparison is constant-time.
    """
    wanted = digest(token or "")
    invitation = (
        Invitation.objects.select_related(
            "round__consultation", "nomination", "response"
        )
        .filter(token_hash=wanted)
        .first()
    )
    found = invitation.token_hash if invitation else "0" * 64
    if not hmac.compare_digest(found, wanted) or invitation is None:
        return None
    now = timezone.now()
    if (
        invitation.responded_at
        or invitation.expired_at
        or invitation.recipient.is_erased
        or now >= invitation.expires_at
        or not invitation.round.is_open_at(now)
    ):
        return None
    return invitation


def admission_still_valid(round_, key: str) -> bool:
    """Whether a browser admitted by an invitation may still respond with it.

    Admission ends with the link: when it expires (or is expired early) and
    when the contact details behind it are erased. Responded is not an end:
    the browser is then shown the response it sent. Keys that are not
    invitations' (none today) are left alone.
    """
    try:
        invitation = (
            Invitation.objects.select_related("nomination", "response")
            .filter(pk=key, round=round_)
            .first()
        )
    except (ValueError, ValidationError):
        return True
    if invitation is None:
        return True
    return not (
        invitation.expired_at
        or timezone.now() >= invitation.expires_at
        or invitation.recipient.is_erased
    )


def mark_opened(*, invitation: Invitation) -> None:
    """Record the first time the link was opened. Idempotent."""
    Invitation.objects.filter(pk=invitation.pk, opened_at=None).update(
        opened_at=timezone.now()
    )
    log.info("invitation opened", extra={"invitation": str(invitation.pk)})


def record_response(*, round_id, admission_key: str) -> bool:
    """Mark the invitation behind a submitted response responded; its link dies.

    Called inside the submitting transaction (``response_submitted``), so it
    commits or rolls back with the response. Idempotent: a changed response
    (a new version) finds it already marked. Keys other apps admit under, or
    that are not invitations, are ignored.
    """
    try:
        invitation_id = uuid.UUID(admission_key)
    except (TypeError, ValueError):
        return False
    updated = Invitation.objects.filter(
        pk=invitation_id, round_id=round_id, responded_at=None
    ).update(responded_at=timezone.now(), token_hash=None)
    if updated:
        log.info("invitation responded", extra={"invitation": str(invitation_id)})
    return bool(updated)


def expire_invitations() -> int:
    """Invitations whose round has closed: marked expired, their hashes dropped.

    Idempotent: only unexpired ones are touched.
    """
    count = Invitation.objects.past_close_unexpired().update(
        expired_at=timezone.now(), token_hash=None
    )
    if count:
        log.info("invitations expired", extra={"count": count})
    return count


@transaction.atomic
def erase_contact(*, nomination: Nomination, reason: str) -> bool:
    """Delete a nominee's contact details (on request or by retention). Idempotent.

    The nomination row stays (service, relationship, statuses) so counts stay
    true; the links stop working and failure reasons, which may quote an
    address, are cleared.
    """
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.is_erased:
        return False
    nomination.erase_contact(reason=reason)
    nomination.save()
    nomination.invitations.update(token_hash=None)
    Delivery.objects.filter(invitation__nomination=nomination).update(reason="")
    audit.record(
        AuditEntry.Action.ERASURE,
        target=f"Nomination {nomination.pk}",
        detail=f"contact details deleted ({reason})",
    )
    log.info(
        "nominee contact details deleted",
        extra={"nomination": str(nomination.pk), "reason": reason},
    )
    return True


def purge_contacts_past_retention(*, now=None) -> int:
    """Delete contact details kept longer than the retention period allows.

    The period (``AUDIENCES_CONTACT_RETENTION_DAYS``) runs from the publication
    of the consultation's outcome. Idempotent: erased nominations are skipped.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIENCES_CONTACT_RETENTION_DAYS)
    due = Nomination.objects.with_contact().filter(
        consultation__outcome_published_at__lte=cutoff
    )
    count = 0
    for nomination in due.iterator():
        count += erase_contact(
            nomination=nomination, reason=Nomination.ErasureReason.RETENTION
        )
    log.info("nominee contacts purged", extra={"count": count})
    return count


def purge_respondent_contacts(*, now=None) -> int:
    """Delete respondents' e-mail addresses once nothing they agreed to needs them.

    Consent decides (``Response.consent_to_recontact``, set by surveys.consent):
    without it the address served only the receipt and the view-or-withdraw
    link, so it goes when the round closes; with it, it is kept for the review
    period and goes on the nominees' schedule, the retention period after the
    outcome. Idempotent: blank addresses are skipped. Returns how many went.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIENCES_CONTACT_RETENTION_DAYS)
    with_address = Response.objects.exclude(contact_email="")
    count = with_address.filter(
        consent_to_recontact=False, round__closes_at__lte=now
    ).update(contact_email="")
    count += with_address.filter(
        consent_to_recontact=True,
        round__consultation__outcome_published_at__lte=cutoff,
    ).update(contact_email="")
    log.info("respondent contacts purged", extra={"count": count})
    return count


def invitation_for_assisted_response(*, nomination: Nomination, round_) -> Invitation:
    """The nominee's invitation to ``round_``, made if need be, so that a response
    taken with staff help is admitted under it and marks the nomination responded.

    Idempotent: the unique (nomination, round) pair is reused. No message is
    sent; an unsent invitation made here is never sent later either, since the
    nominee is being helped in person or by phone.
    """
    invitation, _ = Invitation.objects.get_or_create(
        nomination=nomination,
        round=round_,
        defaults={"expires_at": round_.closes_at, "sent_at": timezone.now()},
    )
    return invitation
