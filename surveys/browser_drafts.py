"""Which draft this browser is answering, per round: a signed cookie, not the session.

A respondent needs no session: nothing about them is kept but their draft, on
the server, and this browser's pointer to it. Keeping the pointer in a signed
cookie (HttpOnly, Secure where sessions are, SameSite=Lax, the session's
lifetime, only under /respond/) spares every anonymous respondent a session
row written to the database and read from the cache on each page. Admissions
(invitation links) and sign-ins stay in the session.

A cookie survives signing out, which a session does not, so a pointer is
honoured only for the person the draft belongs to (``belongs_here``): a draft
made when signed in, or started by a member of staff helping someone, is not
shown to whoever uses the browser next. Pointers from sessions made before
this change are still read.
"""

from django.conf import settings
from django.core import signing

COOKIE = "sb_drafts"
SALT = "surveys.browser_drafts"
PATH = "/respond/"
SESSION_KEY = "drafts"  # where sessions made before the cookie kept pointers


def draft_ids(request) -> dict[str, str]:
    """Round id to draft id, for the drafts this browser is answering."""
    ids = dict(request.session.get(SESSION_KEY, {})) if _has_session(request) else {}
    try:
        value = request.get_signed_cookie(
            COOKIE, salt=SALT, max_age=settings.SESSION_COOKIE_AGE
        )
        ids.update(pair.split(".", 1) for pair in value.split("_") if "." in pair)
    except (KeyError, signing.BadSignature):
        pass  # no cookie, or not one we signed (or it has expired): no pointers
    return {str(k): str(v) for k, v in ids.items()}


def remember(request, response, draft):
    """Make ``draft`` this browser's draft for its round; returns ``response``."""
    ids = {**draft_ids(request), str(draft.round_id): str(draft.pk)}
    response.set_signed_cookie(
        COOKIE,
        # round.draft_round.draft: characters a cookie takes without quoting.
        "_".join(f"{round_id}.{draft_id}" for round_id, draft_id in ids.items()),
        salt=SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def belongs_here(request, draft) -> bool:
    """A draft made signed in, or when helping someone, is only for that person."""
    user_id = request.user.pk if request.user.is_authenticated else None
    return all(
        owner is None or owner == user_id
        for owner in (draft.respondent_id, draft.assisted_by_id)
    )


def _has_session(request) -> bool:
    # Reading request.session loads it; without a session cookie there is none.
    return settings.SESSION_COOKIE_NAME in request.COOKIES
