"""Run a view once more when PostgreSQL ended its connection mid-request.

A restart's fast shutdown ends every open session: the requests in flight at
that moment failed with a 500 (found by the fault run, tests/resilience/). For
views whose writes are idempotent or made in one transaction (rolled back with
the connection), running them again on a new connection, which waits out the
restart (``consult.edge.postgresql``), gives the answer the first run would
have given. Only a lost connection is retried, once; any other error stands.
"""

from functools import wraps

from django.db import InterfaceError, OperationalError, connection

# SQLSTATE class 08 (connection exceptions) and the server shutting down
# (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
SHUTDOWN = {"57P01", "57P02", "57P03"}


def connection_lost(exc: Exception) -> bool:
    if isinstance(exc, InterfaceError):
        return True  # the connection was already closed
    state = getattr(exc.__cause__, "sqlstate", None)
    # No SQLSTATE: the socket closed before the server could say why.
    return state is None or state in SHUTDOWN or state.startswith("08")


def retry_on_disconnect(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            if connection.in_atomic_block or not connection_lost(exc):
                raise  # a caller's transaction, or not a lost connection
            connection.close()
            return view(request, *args, **kwargs)

    return wrapped
