"""Logging: one JSON object a line, so that logs can be searched; personal
links' tokens redacted (``consult.logging``). Star-imported by ``base.py``."""

import environ

env = environ.Env()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "consult.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "faker": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
