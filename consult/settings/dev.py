"""Local development: the embedded default with debugging on."""

from .base import *  # noqa: F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
# Development only: show the demo accounts' credentials on the console.
SHOW_DEMO_CREDENTIALS = True

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
