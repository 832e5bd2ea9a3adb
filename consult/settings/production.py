"""Production: refuses to start with a development key or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, env

SECRET_KEY = env("SECRET_KEY")
if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key or shorter than 50 characters. "
        "Set SECRET_KEY to a long random value (python -c 'import secrets; "
        "print(secrets.token_urlsafe(64))')."
    )
if env.bool("DEBUG", default=False):
    raise ImproperlyConfigured("DEBUG must be off in production: unset DEBUG.")
DEBUG = False
EQUALITIES_LINK_KEY = env("EQUALITIES_LINK_KEY")
if EQUALITIES_LINK_KEY == SECRET_KEY or len(EQUALITIES_LINK_KEY) < 50:
    raise ImproperlyConfigured(
        "EQUALITIES_LINK_KEY must be its own long random value, not SECRET_KEY "
        "(list the SECRET_KEY used before in EQUALITIES_LINK_OLD_KEYS)."
    )
# Never the demo's accounts with their published passwords (seed_demo refuses).
DEMO_DATA_ALLOWED = False

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A persistent connection that PostgreSQL dropped (a restart) is replaced before
# use, and a new one waits out a restart (consult/edge/postgresql/base.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "consult.edge.postgresql"
DATABASE_CONNECT_WAIT = env.int("DATABASE_CONNECT_WAIT", default=30)
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
# The cache on a Redis database of its own (not the broker's): flushing or
# filling one never touches the other's keys.
CACHES = {"default": env.cache("CACHE_URL")}
if env("CACHE_URL") == CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "CACHE_URL is the Celery broker's Redis database: give the cache its own "
        "(e.g. redis://host:6379/1 beside a broker on /0)."
    )
# Production sits behind a TLS proxy (SECURE_PROXY_SSL_HEADER below).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Read sessions from the shared Redis cache, still written to the database.
SESSION_ENGINE = env(
    "SESSION_ENGINE", default="django.contrib.sessions.backends.cached_db"
)
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8
