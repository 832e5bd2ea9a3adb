"""Two gates every request passes, after authentication.

``AdminGateMiddleware``: a signed-in person without admin access gets 403 from
the Wagtail and Django admins, instead of being sent to a login page that would
send them straight back (a redirect loop).

``RequireMFAMiddleware``: a signed-in superuser, officer or project lead
without an authenticator app is sent to set one up before anything else. Only
the account pages (``/accounts/``: sign out, MFA set-up, e-mail, password) and
static files stay open to them. Because the admins' own login pages redirect to
allauth (``consult/accounts/views.py``), there is no way round it.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules

logger = logging.getLogger(__name__)

MFA_REQUIRED_MESSAGE = gettext_lazy(
    "Your role needs two-factor authentication. Set up an authenticator app "
    "to continue."
)


class AdminGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            path = request.path_info
            admin_home = reverse("wagtailadmin_home")
            if path.startswith(admin_home):
                if not rules.can_use_wagtail_admin(user):
                    raise PermissionDenied(_("No access to the Wagtail admin."))
                inside = path[len(admin_home) :]
                if inside.startswith(rules.CHOOSER_PATHS) and not (
                    rules.can_use_choosers(user)
                ):
                    raise PermissionDenied(_("Choosers are for people who edit."))
            elif path.startswith(reverse("admin:index")):
                if not rules.can_use_django_admin(user):
                    raise PermissionDenied(_("No access to the Django admin."))
        return self.get_response(request)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._exempt(request.path_info)
            and rules.requires_mfa(user)
            and not rules.has_totp(user)
        ):
            logger.info(
                "mfa set-up required",
                extra={"user_id": user.pk, "path": request.path_info},
            )
            messages.warning(request, MFA_REQUIRED_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        open_prefixes = (
            reverse("account_login").removesuffix("login/"),  # all of /accounts/
            settings.STATIC_URL,
            settings.MEDIA_URL,
        )
        return path.startswith(open_prefixes)


class StaffLanguageMiddleware:
    """Staff pages outside the Wagtail admin (``/reports/``, ``/audiences/``)
    in the language each person chose for the admin (Account, "Preferred
    language"), as Wagtail's own pages are: they have no language prefix, so
    Django alone would always serve them in the default language. Nominees'
    invitation links keep the nominee's language."""

    PREFIXES = ("/reports/", "/audiences/")
    PUBLIC = ("/audiences/invitation/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and path.startswith(self.PREFIXES)
            and not path.startswith(self.PUBLIC)
        ):
            from wagtail.admin.localization import get_localized_response

            return get_localized_response(self.get_response, request)
        return self.get_response(request)
