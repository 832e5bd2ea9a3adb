import pytest
from django.core.cache import cache

from consult.audiences import sms


@pytest.fixture(autouse=True)
def sms_outbox():
    """The in-memory text-message outbox (and the rate-limit cache), emptied."""
    sms.outbox.clear()
    sms.MemoryBackend.refused = set()
    cache.clear()
    yield sms.outbox
    sms.outbox.clear()
