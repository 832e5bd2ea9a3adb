"""allauth adapter: one change to allauth's defaults, for two-factor set-up."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Don't ask for the password again to add a first authenticator just
        after signing in.

        Officers and project leads are sent to set up an authenticator app
        straight after they sign in (``RequireMFAMiddleware``); asking for the
        password they typed seconds ago would only confuse. Any other sensitive
        change, or a sign-in older than ``ACCOUNT_REAUTHENTICATION_TIMEOUT``,
        still needs reauthentication.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        from allauth.mfa.models import Authenticator

        user = request.user
        if Authenticator.objects.filter(user_id=user.pk).exists():
            return True
        records = get_authentication_records(request, user)
        if not records:
            return True
        signed_in_at = records[-1]["at"]
        return time.time() - signed_in_at >= account_settings.REAUTHENTICATION_TIMEOUT
