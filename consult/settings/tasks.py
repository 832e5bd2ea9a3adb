"""Celery settings: the broker, time limits, acknowledgement and the beat
schedule. Star-imported by ``base.py``, so every settings module has them."""

import environ

env = environ.Env()

# No broker configured means the embedded default: tasks run in process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://"
)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# A task is acknowledged after it runs, so a worker that dies mid-task hands it on.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers keep Django's LOGGING (JSON lines, tokens redacted) instead of
# replacing the root logger's handlers with Celery's plain-text ones.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Redis hands an unacknowledged task to another worker after the visibility
# timeout: longer than our longest task (the hard time limit) so that a slow
# task is never run twice at once, far shorter than Redis's default hour so
# that a killed worker's task comes back soon.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
# The outbox sends again a task sent this many seconds ago that never finished
# (consult/outbox/services.py): past the visibility timeout, by which a task a
# dead worker held has come back by itself.
OUTBOX_REDELIVER_AFTER = env.int(
    "OUTBOX_REDELIVER_AFTER",
    default=2 * CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"],
)
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A request never waits on publish retries (up to 32 s): consult/outbox
# records the task first, and its sweep retries.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Static entries; django_celery_beat's DatabaseScheduler copies them into its
# tables at start-up (officers can see them under /django-admin/).
CELERY_BEAT_SCHEDULE = {
    # Every minute: rebuild the report figures that submissions marked stale.
    "reports-refresh-stale-figures": {
        "task": "reports.refresh_stale_figures",
        "schedule": 60,
    },
    # Every minute: rebuild the equality evidence whose inputs have changed.
    "equality-evidence-refresh-stale": {
        "task": "equality_evidence.refresh_stale",
        "schedule": 60,
    },
    # Every 15 minutes: invite nominees of targeted rounds that have opened.
    "audiences-send-due-invitations": {
        "task": "audiences.send_due_invitations",
        "schedule": 15 * 60,
    },
    # Hourly: one reminder to those who have not responded, N days before close.
    "audiences-send-due-reminders": {
        "task": "audiences.send_due_reminders",
        "schedule": 60 * 60,
    },
    # Hourly: links of rounds that have closed stop working.
    "audiences-expire-invitations": {
        "task": "audiences.expire_invitations",
        "schedule": 60 * 60,
    },
    # Daily: delete nominee contact details past the retention period.
    "audiences-purge-nominee-contacts": {
        "task": "audiences.purge_nominee_contacts",
        "schedule": 24 * 60 * 60,
    },
    # Daily: delete audit log entries past AUDIT_RETENTION_DAYS.
    "audit-purge-expired": {"task": "audit.purge_expired", "schedule": 24 * 60 * 60},
    # Every minute: send tasks a broker outage or a crash left in the outbox.
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    # Every minute: re-enqueue analysis chunks whose worker died mid-run.
    "analysis-resume-stalled-runs": {
        "task": "analysis.resume_stalled_runs",
        "schedule": 60.0,
    },
}
