"""Logs are JSON, one object a line, and never hold a personal link's token."""

import json
import logging

from consult.logging import JsonFormatter


def _formatted(msg, *args, **extra) -> dict:
    record = logging.makeLogRecord(
        {"name": "django.request", "levelname": "WARNING", "msg": msg, "args": args}
    )
    record.__dict__.update(extra)
    return json.loads(JsonFormatter().format(record))


def test_extra_fields_are_kept():
    entry = _formatted("Sent %d invitations", 3, round_id="r1")
    assert entry["message"] == "Sent 3 invitations" and entry["round_id"] == "r1"


def test_personal_link_tokens_never_reach_the_logs():
    token = "s3cr3t-T0ken_value"
    for path in (
        f"/audiences/invitation/{token}/",
        f"/respond/resume/{token}/",
        f"/respond/response/{token}/",
    ):
        entry = _formatted(
            "Not Found: %s", path, request=f"<WSGIRequest: GET '{path}'>"
        )
        line = json.dumps(entry)
        assert token not in line
        assert "[token]" in entry["message"]
    # Other paths are left as they are.
    assert _formatted("Not Found: %s", "/consultations/x/")["message"].endswith("/x/")


def test_celery_workers_keep_the_json_logging():
    """Celery replaces the root logger's handlers unless told not to: worker
    logs would lose the JSON format and the token redaction."""
    from consult.celery import app

    assert app.conf.worker_hijack_root_logger is False
    root = logging.getLogger()
    assert any(isinstance(h.formatter, JsonFormatter) for h in root.handlers)
