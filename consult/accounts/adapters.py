"""allauth adapter: two-factor set-up, and the site's one client-address rule."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context

from consult.edge.client import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's rate limits per address use the same rule as axes and ours."""
        return client_address(request)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A sign-in minutes ago counts as recent authentication for MFA pages.

        allauth counts only an explicit "confirm your password" step. But
        officers and project leads are sent to set up an authenticator app
        straight after they sign in (``RequireMFAMiddleware``), then shown
        their recovery codes: asking again for the password they typed seconds
        ago would only confuse. After ``ACCOUNT_REAUTHENTICATION_TIMEOUT``
        (5 minutes) allauth's rule applies unchanged.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        records = get_authentication_records(request, request.user)
        if not records:
            return True
        signed_in_at = records[-1]["at"]
        return time.time() - signed_in_at >= account_settings.REAUTHENTICATION_TIMEOUT
