"""Accounts settings: users, allauth sign-in and sign-up, two-factor, lockout.
Star-imported by ``base.py``, so every settings module has them."""

import environ

env = environ.Env()

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# NCSC guidance: length over composition, refuse common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "consult.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    name: f"consult.accounts.forms.{cls}"
    for name, cls in (
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("request_login_code", "RequestLoginCodeForm"),
        ("confirm_login_code", "ConfirmLoginCodeForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("change_password", "ChangePasswordForm"),
        ("reauthenticate", "ReauthenticateForm"),
    )
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Staff sign up with a password and must prove their address first.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Respondents who want an account can sign in with a one-time code by e-mail.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # seconds a code stays valid
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sounding Board] "
# Don't reveal whether an address has an account (password reset, codes).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None  # ask ("Remember me")
# Throttling, per IP address and per e-mail address ("key"); allauth answers
# 429 (templates/429.html). Failed passwords per account are django-axes's job
# (lockout below, with its own page), so allauth limits them per IP only.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip",
    "signup": "10/m/ip",
    "request_login_code": "10/m/ip,3/5m/key",
    "reset_password": "10/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}

# Two-factor: TOTP apps, with recovery codes. Required for superusers,
# officers and project leads (consult.accounts.middleware.RequireMFAMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sounding Board"
MFA_FORMS = {
    "authenticate": "consult.accounts.forms.AuthenticateForm",
    "activate_totp": "consult.accounts.forms.ActivateTOTPForm",
}

# Both admins and Wagtail's private pages sign in through allauth;
# /admin/login/, /django-admin/login/ and /_util/login/ redirect there
# (consult/urls.py). Password resets go through allauth too.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Lock an account-and-address pair out after repeated failures (admin and site).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_USERNAME_CALLABLE = "consult.accounts.axes.username_from_attempt"
