"""PostgreSQL that waits out a restart instead of failing the request.

While PostgreSQL restarts (a fast shutdown's checkpoint, then start-up: a few
seconds) every new connection is refused, and each request that needed one
was a 500 (found by the fault run, tests/resilience/). Here a new connection
is tried again, with a short pause, for up to ``DATABASE_CONNECT_WAIT``
seconds; only then does the error stand. Broken persistent connections are
replaced before use by ``CONN_HEALTH_CHECKS`` (production settings).
"""

import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

log = logging.getLogger(__name__)
PAUSE = 0.25


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + getattr(settings, "DATABASE_CONNECT_WAIT", 0)
        while True:
            try:
                return super().get_new_connection(conn_params)
            except self.Database.OperationalError as exc:
                if time.monotonic() + PAUSE > deadline:
                    raise
                log.warning(
                    "database unreachable, trying again",
                    extra={"error": str(exc)[:300]},
                )
                time.sleep(PAUSE)
