"""The admins' own Content-Security-Policy.

The public site's policy (``CONTENT_SECURITY_POLICY``) allows no inline script
or style, which Wagtail's admin needs: a few of its widgets (inline panels,
date pickers) still write inline ``<script>``, and it styles with ``style``
attributes. So ``/admin/`` and ``/django-admin/`` get a policy of their own
(``ADMIN_CONTENT_SECURITY_POLICY``): inline allowed, but nothing from another
origin, no plugins, no framing by other sites, forms posting only here.

Placed after django-csp's middleware in ``MIDDLEWARE``, so that it sets the
header on the way out before django-csp looks (which skips these prefixes).
"""

from csp.constants import HEADER
from django.conf import settings


def admin_policy() -> str:
    return "; ".join(
        " ".join([name, *values])
        for name, values in settings.ADMIN_CONTENT_SECURITY_POLICY.items()
    )


class AdminCSPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"])

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes) and HEADER not in response:
            response[HEADER] = admin_policy()
        return response
