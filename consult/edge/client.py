"""Who is asking: the one rule for a request's client address.

Behind the TLS proxy production assumes, ``REMOTE_ADDR`` is the proxy's, the
same for everyone: a limit keyed on it would lock out the whole site at once.
Each trusted proxy appends the address it saw to ``X-Forwarded-For``, so the
client is the entry ``TRUSTED_PROXY_COUNT`` from the right; entries to its
left were written by the client and are not to be believed.

allauth (``ALLAUTH_TRUSTED_PROXY_COUNT`` and the account adapter), django-axes
(``AXES_CLIENT_IP_CALLABLE``) and our own limits (``limits.py``) all use this.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's address, as the outermost trusted proxy saw it."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= count and _valid(hops[-count]):
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _valid(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
