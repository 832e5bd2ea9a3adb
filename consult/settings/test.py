"""Tests: fast hashing, e-mail in memory, eager tasks unless a test starts a worker."""

from .base import *  # noqa: F403
from .base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "consult.audiences.sms.MemoryBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests run tasks in process; integration tests start a real worker on
# the broker named by CELERY_BROKER_URL (see tests/integration/).
CELERY_TASK_ALWAYS_EAGER = True
INTEGRATION_BROKER_URL = env("CELERY_BROKER_URL", default="")
AXES_ENABLED = env.bool("AXES_ENABLED", default=False)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Emptying the database after a transactional test deletes rows instead of
# truncating some 200 tables (tests/postgresql/base.py): seconds per test.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405
