"""Refuse or strip characters no one types before any view or database sees them.

PostgreSQL cannot store NUL (``\\x00``) in text and answers a ``DataError``
(a 500) when one reaches a query. So:

- a NUL in the path or query string gets a 400 page: such an address was
  never a link we made;
- a NUL in a posted form field is dropped, so that the rest of what was typed
  is kept (the forms then check what is left).
"""

from urllib.parse import unquote_to_bytes

from django.http import QueryDict
from django.shortcuts import render

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.path_info) or b"\x00" in unquote_to_bytes(
            request.META.get("QUERY_STRING", "")
        ):
            return bad_request_page(request)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request._post = _without_nul(request.POST)  # noqa: SLF001
        return self.get_response(request)


def _has_nul(text: str) -> bool:
    return NUL in text


def _without_nul(data: QueryDict) -> QueryDict:
    if not any(NUL in v for values in data.lists() for v in values[1]):
        return data
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    clean._mutable = False  # noqa: SLF001
    return clean


def bad_request_page(request):
    return render(request, "400.html", status=400)
