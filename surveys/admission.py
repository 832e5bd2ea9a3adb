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


def admit(request, *, round_id, key: str, label: str = ""):
    """Let this browser respond to ``round_id`` as ``key``, and go to the survey."""
    admissions = request.session.get(SESSION_KEY, {})
    admissions[str(round_id)] = {"key": key, "label": label}
    request.session[SESSION_KEY] = admissions
    return redirect(reverse("surveys:start", kwargs={"round_id": round_id}))


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
    return admission["key"] if admission else None
