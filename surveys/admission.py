"""Who may respond to a round: anyone (public), signed-in staff, or the admitted.

Targeted consultations admit people through another app (a personal invitation
link): it calls ``admit`` with an opaque key, and the draft and response carry
that key, which the database allows once per round.
"""

from django.shortcuts import redirect
from django.urls import reverse

from consult.accounts.rules import is_council_staff

from .models import Consultation, Round

SESSION_KEY = "admissions"
# Checks another app registers (audiences: the invitation behind a key has not
# expired, its contact not been erased). Each takes (round_, key) and returns
# False to end that admission; surveys knows nothing of invitations.
_admission_checks = []


def register_admission_check(check) -> None:
    """Add ``check(round_, key) -> bool``; idempotent."""
    if check not in _admission_checks:
        _admission_checks.append(check)


def admit(request, *, round_id, key: str, label: str = "", url: str = ""):
    """Let this browser respond to ``round_id`` as ``key``, and go to the survey
    (``url``, e.g. its version in the person's language; else its start page)."""
    admissions = request.session.get(SESSION_KEY, {})
    admissions[str(round_id)] = {"key": key, "label": label}
    request.session[SESSION_KEY] = admissions
    return redirect(url or reverse("surveys:start", kwargs={"round_id": round_id}))


def admission_key(request, round_: Round) -> str | None:
    """The key this browser responds under, "" for open access, None if refused.

    A review period is for the people invited back (earlier respondents and
    nominees), whatever the consultation's audience: only by personal link.
    """
    audience = round_.consultation.audience
    if round_.kind == Round.Kind.REVIEW:
        audience = Consultation.Audience.TARGETED
    if audience == Consultation.Audience.PUBLIC:
        return ""
    if audience == Consultation.Audience.STAFF:
        return "" if is_council_staff(request.user) else None
    admission = request.session.get(SESSION_KEY, {}).get(str(round_.pk))
    if not admission:
        return None
    if not all(check(round_, admission["key"]) for check in _admission_checks):
        return None  # the link behind it expired, or its contact was erased
    return admission["key"]
