"""Which draft this browser is answering, per round: a signed cookie, not the session.

A respondent needs no session: nothing about them is kept but their draft, on
the server, and this browser's pointer to it. Keeping the pointer in a signed
cookie (HttpOnly, Secure where sessions are, SameSite=Lax, the session's
lifetime) spares every anonymous respondent a session
row written to the database and read from the cache on each page. Admissions
(invitation links) and sign-ins stay in the session.

A cookie survives signing out, which a session does not, so the cookie names
who was signed in when it was last written, and its pointers are honoured only
for that person (or, written when nobody was signed in, for anyone, as a
session carries on through signing in): a draft opened when signed in, or an
assisted draft a member of staff started, is not shown to whoever uses the
browser next. A resume link still opens its draft in any browser. Pointers
from sessions made before this change are still read.
"""

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect

COOKIE = "sb_drafts"
SALT = "surveys.browser_drafts"
# The whole site, not /respond/: the survey pages in another language live
# under its prefix (/pl/respond/...), and a draft goes on in any language.
# A cookie written under /respond/ before then is read until the first write,
# which carries its pointers over (browsers send the longer path first; the
# last value, this path's, is the one read).
PATH = "/"
SESSION_KEY = "drafts"  # where sessions made before the cookie kept pointers


def draft_ids(request) -> dict[str, str]:
    """Round id to draft id, for the drafts this browser is answering."""
    ids = {
        str(round_id): str(draft_id)
        for round_id, draft_id in (
            request.session.get(SESSION_KEY, {}) if _has_session(request) else {}
        ).items()
    }
    try:
        value = request.get_signed_cookie(
            COOKIE, salt=SALT, max_age=settings.SESSION_COOKIE_AGE
        )
    except (KeyError, signing.BadSignature):
        return ids  # no cookie, or not one we signed (or it has expired)
    owner, _, pairs = value.partition("~")
    if owner and owner != _user_key(request):
        return ids  # written for someone who has since signed out
    ids.update(pair.split(".", 1) for pair in pairs.split("_") if "." in pair)
    return ids


def remember(request, response, draft):
    """Make ``draft`` this browser's draft for its round; returns ``response``."""
    ids = {**draft_ids(request), str(draft.round_id): str(draft.pk)}
    response.set_signed_cookie(
        COOKIE,
        # user~round.draft_round.draft: characters a cookie takes unquoted.
        _user_key(request)
        + "~"
        + "_".join(f"{round_id}.{draft_id}" for round_id, draft_id in ids.items()),
        salt=SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def open_in_browser(request, draft, *, number: int = 1):
    """Make ``draft`` this browser's draft for its round; go to its page ``number``."""
    page = redirect("surveys:section", round_id=draft.round_id, number=number)
    return remember(request, page, draft)


def _user_key(request) -> str:
    return str(request.user.pk) if request.user.is_authenticated else ""


def _has_session(request) -> bool:
    # Reading request.session loads it; without a session cookie there is none.
    return settings.SESSION_COOKIE_NAME in request.COOKIES
