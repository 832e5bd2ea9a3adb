"""allauth's forms with GOV.UK error messages: say what to do, per field.

Only the messages change; the forms' behaviour is allauth's. Wired in through
``ACCOUNT_FORMS`` and ``MFA_FORMS`` in settings.
"""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django.utils.translation import gettext_lazy as _

ENTER_EMAIL = _("Enter your e-mail address")
ENTER_CODE = _("Enter the code")


class RequiredMessages:
    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
                if name in ("email", "login"):
                    self.fields[name].error_messages["invalid"] = _(
                        "Enter an e-mail address like name@example.org"
                    )


class LoginForm(RequiredMessages, account_forms.LoginForm):
    required_messages = {"login": ENTER_EMAIL, "password": _("Enter your password")}


class SignupForm(RequiredMessages, account_forms.SignupForm):
    required_messages = {
        "email": ENTER_EMAIL,
        "password1": _("Create a password"),
        "password2": _("Type the password again"),
    }


class RequestLoginCodeForm(RequiredMessages, account_forms.RequestLoginCodeForm):
    required_messages = {"email": ENTER_EMAIL}


class ConfirmLoginCodeForm(RequiredMessages, account_forms.ConfirmLoginCodeForm):
    required_messages = {"code": _("Enter the code from the e-mail")}


class ResetPasswordForm(RequiredMessages, account_forms.ResetPasswordForm):
    required_messages = {"email": ENTER_EMAIL}


class ResetPasswordKeyForm(RequiredMessages, account_forms.ResetPasswordKeyForm):
    required_messages = {
        "password1": _("Enter a new password"),
        "password2": _("Type the new password again"),
    }


class AuthenticateForm(RequiredMessages, mfa_forms.AuthenticateForm):
    required_messages = {"code": _("Enter the code from your authenticator app")}


class ActivateTOTPForm(RequiredMessages, totp_forms.ActivateTOTPForm):
    required_messages = {"code": _("Enter the code your authenticator app shows")}


class ChangePasswordForm(RequiredMessages, account_forms.ChangePasswordForm):
    required_messages = {
        "oldpassword": _("Enter your current password"),
        "password1": _("Enter a new password"),
        "password2": _("Type the new password again"),
    }


class ReauthenticateForm(RequiredMessages, account_forms.ReauthenticateForm):
    required_messages = {"password": _("Enter your password")}
