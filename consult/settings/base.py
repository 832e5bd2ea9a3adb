"""Settings shared by every environment. Values come from the environment.

The defaults are the embedded default: an SQLite file, tasks run eagerly in
process, e-mail written to files. Production (``production.py``) overrides what
must never default.
"""

from pathlib import Path

import environ
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# --- Core -------------------------------------------------------------------
# The development key is public: production.py refuses to start with it.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    # Pages in other languages (the "Translate" action); replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "django_celery_beat",
    "simple_history",
    # Local
    "consult.outbox",
    "consult.audit",
    "consult.accounts",
    "consult.organisation",
    "consult.audiences",
    "consult.analysis",
    "consult.reports",
    "consult.reports.equalities",
    "surveys",
    "cms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # The admins' own, looser policy (consult/edge/admin_csp.py).
    "consult.edge.admin_csp.AdminCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change, for the history of decisions (consult/accounts/history.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view: NUL in an address is refused, in a form dropped
    # (PostgreSQL cannot store it; consult/edge/middleware.py).
    "consult.edge.middleware.CleanInputMiddleware",
    # Who is acting, for the audit log's records (consult/audit/).
    "consult.audit.middleware.AuditActorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and messages: two-factor set-up before anything
    # else for roles that need it, then 403 from the admins for people without
    # access (consult/accounts/middleware.py).
    "consult.accounts.middleware.RequireMFAMiddleware",
    "consult.accounts.middleware.AdminGateMiddleware",
    # Staff pages outside the Wagtail admin in the person's admin language.
    "consult.accounts.middleware.StaffLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consult.urls"
WSGI_APPLICATION = "consult.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                # LANGUAGE_CODE and LANGUAGE_BIDI: <html lang dir> (base.html).
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Sessions live in the database. "cached_db" (production's default) also keeps
# them in the cache, sparing a query a page; it needs a cache every process
# shares (Redis), never the per-process locmem default, which would go stale.
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")

# --- Accounts: in consult/settings/accounts.py (allauth, two-factor, axes) ----
from .accounts import *  # noqa: E402, F403

# --- Client address and rate limits (consult/edge/) -------------------------
# Proxies in front of the site that append to X-Forwarded-For (0: none, the
# address is REMOTE_ADDR). One rule, used by allauth, axes and our own limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "consult.edge.client.client_address"
# Requests allowed per client address (per user for uploads and exports) in a
# window: "N/m", "N/5m", "N/h". Over it: templates/429.html.
RATE_LIMITS_ENABLED = env.bool("RATE_LIMITS_ENABLED", default=True)
RATE_LIMITS = {
    "start_response": env("RATE_LIMIT_START_RESPONSE", default="30/5m"),
    "save_draft": env("RATE_LIMIT_SAVE_DRAFT", default="120/5m"),
    "resume_link_miss": "20/15m",
    "invitation_link_miss": "20/15m",
    # "Find your response": a reference and an e-mail address, per client.
    "find_response": "10/15m",
    "upload": "30/h",
    "export": "60/h",
}

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The languages the public site speaks: English unprefixed, every other one
# under its code (/pl/consultations/..., /pl/respond/...; consult/urls.py).
# Each needs its interface strings in locale/<code>/ and, for a consultation,
# a translated page and a survey version in it. Add one with SB_LANGUAGES
# (see the README's "Languages"); codes must be Django's (get_language_info).
LANGUAGES = [
    (code, LANG_INFO.get(code, {}).get("name_local", code))
    for code in env.list("SB_LANGUAGES", default=["en-gb", "pl"])
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=str(VAR_DIR / "outbox"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Sounding Board <no-reply@sounding-board.invalid>"
)

# --- Text messages (consult/audiences/sms.py) --------------------------------
# The default writes each message to a file, like the e-mail outbox; a provider
# such as GOV.UK Notify is a backend class with a send(to, body) method.
SMS_BACKEND = env("SMS_BACKEND", default="consult.audiences.sms.FileBackend")
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=str(VAR_DIR / "outbox" / "sms"))

# --- Equalities monitoring ---------------------------------------------------
# The HMAC linking monitoring answers to their response has a key of its own,
# so that rotating SECRET_KEY leaves withdrawal working. To rotate this key,
# put the old one first in EQUALITIES_LINK_OLD_KEYS: withdrawal tries each.
# (Before this setting the key was SECRET_KEY: sites that already hold
# answers list their SECRET_KEY of the time there.)
EQUALITIES_LINK_KEY = env("EQUALITIES_LINK_KEY", default=SECRET_KEY)
EQUALITIES_LINK_OLD_KEYS = env.list("EQUALITIES_LINK_OLD_KEYS", default=[])

# --- Audit log (consult/audit/) ----------------------------------------------
# Officer actions on personal data are kept this long, then deleted daily.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=2 * 365)

# --- Demo data ----------------------------------------------------------------
# seed_demo creates accounts whose passwords and TOTP secrets are published;
# production.py turns this off whatever the environment says.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)

# --- Audiences: nominations and invitations ---------------------------------
AUDIENCES_REMINDER_DAYS_BEFORE_CLOSE = env.int(
    "AUDIENCES_REMINDER_DAYS_BEFORE_CLOSE", default=3
)
# Nominee contact details are deleted this many days after the outcome is published.
AUDIENCES_CONTACT_RETENTION_DAYS = env.int(
    "AUDIENCES_CONTACT_RETENTION_DAYS", default=90
)

# --- Analysis ---------------------------------------------------------------
# Learn from officers' decisions with the fine-tuned encoder too (make
# install-encoder): more accurate, but minutes of CPU and about 2 GB of memory
# in the worker each time the decisions change.
ANALYSIS_ENCODER = env.bool("SB_ANALYSIS_ENCODER", default=False)

# --- Reports ----------------------------------------------------------------
# No figure about fewer people than this is shown ("fewer than 10").
REPORT_DISCLOSURE_THRESHOLD = env.int("SB_REPORT_DISCLOSURE_THRESHOLD", default=10)
# Stale figures are rebuilt in the request up to this many responses, else queued.
REPORT_SYNC_REFRESH_LIMIT = env.int("SB_REPORT_SYNC_REFRESH_LIMIT", default=5000)
# A busy consultation's figures are rebuilt at most once in this many seconds.
REPORT_REFRESH_MIN_SECONDS = env.int("SB_REPORT_REFRESH_MIN_SECONDS", default=60)
# PDFs are made in the request up to this many responses, else by a task.
REPORT_PDF_SYNC_LIMIT = env.int("SB_REPORT_PDF_SYNC_LIMIT", default=2000)

# --- Celery: in consult/settings/tasks.py (broker, limits, beat schedule) ---
from .tasks import *  # noqa: E402, F403

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sounding Board"
# Pages in other languages: a consultation page's translations are pages in
# their locale, linked to the same consultation record (cms/translations.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
# Documents are served through Django so that permissions and headers apply.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Forms ------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# The public site runs no inline script or style. Wagtail's admin needs inline
# styles and its own scripts, so it gets its own, looser policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The admins' policy (consult/edge/admin_csp.py): Wagtail needs inline script
# and style; still nothing from another origin.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
# Wagtail's admin would fetch releases.wagtail.io, which the policy refuses.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the policy refuses it, and officers' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

from .log_format import *  # noqa: E402, F403  (Logging: JSON lines)
