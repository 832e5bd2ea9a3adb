"""The fault run's settings: production's, with three differences for the run.

- ``STATIC_ROOT`` is a temporary folder (``collectstatic`` fills it first),
  so the run never touches the project's ``staticfiles/``.
- Redis hands back the tasks a killed worker held after
  ``RESILIENCE_VISIBILITY_TIMEOUT`` seconds (60) instead of production's 15
  minutes, and looks for them every 10 s, so that they come back within the
  run. Every task is idempotent, so an early return is harmless.
- The outbox sends again a task not done ``RESILIENCE_REDELIVER_AFTER``
  seconds (300) after it was sent, instead of 30 minutes, within the drain.
"""

from consult.settings.production import *  # noqa: F403
from consult.settings.production import CELERY_BROKER_TRANSPORT_OPTIONS, env

STATIC_ROOT = env.path("STATIC_ROOT")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": env.int("RESILIENCE_VISIBILITY_TIMEOUT", default=60),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
# Past the shorter visibility timeout, within the run's drain time.
OUTBOX_REDELIVER_AFTER = env.int("RESILIENCE_REDELIVER_AFTER", default=300)
