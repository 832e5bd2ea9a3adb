"""Structured logs: one JSON object a line, with any ``extra`` fields kept."""

import json
import logging
import re

_STANDARD = set(vars(logging.makeLogRecord({})))
# Personal links carry their secret in the path; Django logs paths (a refused
# link's "Not Found", say). Logs keep the route, never the token.
_PERSONAL_LINK = re.compile(
    r"(/(?:audiences/invitation|respond/resume|respond/response)/)[^/\s'\"]+"
)


def redact_personal_links(text: str) -> str:
    return _PERSONAL_LINK.sub(r"\1[token]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            {
                k: v
                for k, v in vars(record).items()
                if k not in _STANDARD and k != "message"
            }
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact_personal_links(json.dumps(entry, default=str))
