"""Sending text messages through a pluggable backend (``settings.SMS_BACKEND``).

The project has no SMS provider yet. The default backend writes each message
to a file in ``settings.SMS_FILE_PATH`` (like the e-mail outbox); tests use the
in-memory backend. A provider (GOV.UK Notify, say) is a class with a
``send(to, body)`` method that raises ``SmsRefused`` when the provider refuses
the number; point ``SMS_BACKEND`` at it.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsRefused(Exception):
    """The provider refused the message (bad number, opted out ...): do not retry."""


def send_sms(*, to: str, body: str) -> None:
    backend = import_string(settings.SMS_BACKEND)()
    backend.send(to, body)


class FileBackend:
    """Writes each message to its own file, for development and the demo."""

    def send(self, to: str, body: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (folder / name).write_text(f"To: {to}\n\n{body}\n", encoding="utf-8")


outbox: list[dict] = []


class MemoryBackend:
    """Keeps messages in ``consult.audiences.sms.outbox``, for tests.

    Numbers in ``refused`` are refused, as a provider refuses a bad number.
    """

    refused: set[str] = set()

    def send(self, to: str, body: str) -> None:
        if to in self.refused:
            raise SmsRefused("the provider refused the number")
        outbox.append({"to": to, "body": body})
