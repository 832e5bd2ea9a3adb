"""Absolute addresses of our pages, for links that leave the page (e-mails,
text messages, links shown to copy): one builder for all of them.

When a person is on the site, their links use the address they are using
(``request``; Django has checked the host against ``ALLOWED_HOSTS``), and a
link e-mailed later because of that visit (a receipt) is given the same
address. With no visit behind it (invitations, reminders), the configured
public address ``WAGTAILADMIN_BASE_URL`` (``make run`` sets it from its HOST
and PORT).
"""

from django.conf import settings
from django.urls import reverse


def site_url(request=None) -> str:
    """The site's address, without a trailing slash."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str, *, site: str = "") -> str:
    return (site or site_url()).rstrip("/") + path


def absolute_reverse(name: str, *, site: str = "", **kwargs) -> str:
    return absolute_url(reverse(name, kwargs=kwargs), site=site)
