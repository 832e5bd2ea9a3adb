"""Where a consultation is presented, asked of whoever presents it.

Surveys sits below the pages app (cms) and may not import it. Cms registers a
resolver at start-up (``register``); surveys' views ask ``consultation_url``
and pass the answer to their templates. Without a resolver there is no link.
"""

from collections.abc import Callable

_resolvers: list[Callable] = []


def register(resolver: Callable) -> None:
    """``resolver(consultation, request)`` returns the page's URL or ""."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def consultation_url(consultation, request=None) -> str:
    for resolver in _resolvers:
        if url := resolver(consultation, request):
            return url
    return ""
