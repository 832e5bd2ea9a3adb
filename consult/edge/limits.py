"""Rate limits in one place: fixed windows counted in the shared cache.

Each scope's rate is a setting (``RATE_LIMITS``, e.g. ``"30/5m"``: 30 requests
per 5 minutes); the counter is keyed on the scope and on who is asking (the
client's address by the one rule in ``client.py``, or the signed-in user for
officers' uploads and exports). Over the limit, the answer is the "Too many
attempts" page with status 429 and a ``Retry-After`` header.

Fixed windows allow up to twice the rate across a window's edge; that is
enough to stop floods, and costs one cache increment a request.

If the cache cannot be reached (Redis stopped or restarting), limits let
requests through and log it: refusing, or a server error, would turn a cache
outage into a site outage for every respondent.
"""

import logging
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from .client import client_address

log = logging.getLogger(__name__)

_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/5m"`` -> (30, 300): requests allowed, window in seconds."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (expected e.g. '30/5m').")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def _who(request, per_user: bool) -> str:
    user = getattr(request, "user", None)
    if per_user and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


def _key(scope: str, who: str, window: int) -> str:
    return f"limit:{scope}:{who}:{int(time.time() // window)}"


def hit(request, scope: str, *, per_user: bool = False) -> bool:
    """Count one request against ``scope``; True once the limit is passed."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return False
    allowed, window = parse_rate(settings.RATE_LIMITS[scope])
    key = _key(scope, _who(request, per_user), window)
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except Exception as exc:  # the cache is down (any backend's error): let it by
        _cache_down(scope, exc)
        return False
    return count > allowed


def exhausted(request, scope: str, *, per_user: bool = False) -> bool:
    """True when ``scope``'s limit is already passed, without counting this one.

    For limits on failures (a wrong invitation link): look first, ``hit`` on a miss.
    """
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return False
    allowed, window = parse_rate(settings.RATE_LIMITS[scope])
    try:
        count = cache.get(_key(scope, _who(request, per_user), window), 0)
    except Exception as exc:  # the cache is down: let it by, as ``hit`` does
        _cache_down(scope, exc)
        return False
    return count >= allowed


def _cache_down(scope: str, exc: Exception) -> None:
    log.warning(
        "rate limit not checked: cache unreachable",
        extra={"scope": scope, "error": repr(exc)[:300]},
    )


def too_many_attempts(request, scope: str):
    """The "Too many attempts" page (templates/429.html)."""
    _, window = parse_rate(settings.RATE_LIMITS[scope])
    response = render(request, "429.html", {"scope": scope}, status=429)
    response["Retry-After"] = str(window)
    return response


def rate_limited(scope: str, *, methods=("GET", "POST"), per_user: bool = False):
    """Decorate a view: requests of these methods count against ``scope``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and hit(request, scope, per_user=per_user):
                return too_many_attempts(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
