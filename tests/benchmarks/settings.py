"""Benchmark settings: production-like (no debug) with a plain Wagtail form page app."""

from consult.settings.base import *  # noqa: F403
from consult.settings.base import INSTALLED_APPS

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [*INSTALLED_APPS, "tests.benchmarks.formpage"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks go to the broker named by CELERY_BROKER_URL, as in production (the
# benchmark gives a dedicated Redis db); eager, in the web request, without one.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_USE_FINDERS = True

import warnings  # noqa: E402

# Static files come from the finders here; there is no collectstatic folder.
warnings.filterwarnings("ignore", message="No directory at")
