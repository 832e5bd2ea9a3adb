"""Absolute addresses of our pages, for links that leave the site (e-mails,
text messages, links shown to copy): one builder, one configured address.

``WAGTAILADMIN_BASE_URL`` is the site's public address (``make run`` sets it
from its HOST and PORT). A link built from it is the same whether it is made
in a request or in a Celery task, where there is no request to ask.
"""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def absolute_reverse(name: str, **kwargs) -> str:
    return absolute_url(reverse(name, kwargs=kwargs))
