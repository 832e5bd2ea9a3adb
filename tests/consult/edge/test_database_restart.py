"""A PostgreSQL restart is waited out, not a 500 (found by the fault run,
tests/resilience/): new connections are tried again for a while, and the
respondent's views run once more when their connection was ended mid-request."""

import logging
import time

import pytest
from django.db import OperationalError, connection, transaction
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from consult.edge.postgresql.base import DatabaseWrapper
from consult.edge.retry import connection_lost, retry_on_disconnect


@pytest.mark.django_db  # lets any connection be opened; this one never is
@override_settings(DATABASE_CONNECT_WAIT=1)
def test_a_new_connection_is_tried_again_until_the_wait_is_over(caplog):
    nothing_listening = ConnectionHandler().configure_settings(
        {
            "default": {
                "ENGINE": "consult.edge.postgresql",
                "NAME": "sb",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": "1",
            }
        }
    )["default"]
    began = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="consult.edge.postgresql.base"):
        with pytest.raises(OperationalError):
            DatabaseWrapper(nothing_listening).ensure_connection()
    assert time.monotonic() - began >= 0.75
    assert len(caplog.records) >= 3  # tried every quarter second


def test_production_uses_the_waiting_backend_with_health_checks():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consult.settings.production",
        "SECRET_KEY": "k" * 60,
        "EQUALITIES_LINK_KEY": "e" * 60,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/sb",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "d = settings.DATABASES['default']; "
            "print(d['ENGINE'], d['CONN_HEALTH_CHECKS'], "
            "settings.DATABASE_CONNECT_WAIT)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["consult.edge.postgresql", "True", "30"]


@pytest.mark.integration
def test_a_view_whose_connection_was_ended_runs_once_more(transactional_db):
    import psycopg

    from tests.db_template import database_url

    calls = []

    @retry_on_disconnect
    def view(request):
        calls.append(1)
        with transaction.atomic():  # as sending a response is
            connection.ensure_connection()
            if len(calls) == 1:  # PostgreSQL ends this session, as a restart does
                pid = connection.connection.info.backend_pid
                with psycopg.connect(database_url(), autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        return HttpResponse("ok")

    assert view(RequestFactory().get("/")).content == b"ok"
    assert len(calls) == 2


class _Cause(Exception):
    def __init__(self, sqlstate):
        self.sqlstate = sqlstate


def _error(kind, sqlstate):
    error = kind("from the driver")
    error.__cause__ = _Cause(sqlstate)
    return error


def test_only_a_lost_connection_counts_as_one():
    assert connection_lost(_error(OperationalError, "57P01"))  # admin shutdown
    assert connection_lost(_error(OperationalError, "08006"))  # connection failure
    assert connection_lost(_error(OperationalError, None))  # socket closed
    assert not connection_lost(_error(OperationalError, "57014"))  # cancelled
    assert not connection_lost(_error(OperationalError, "40P01"))  # deadlock


def test_other_errors_are_not_retried():
    calls = []

    @retry_on_disconnect
    def view(request):
        calls.append(1)
        raise _error(OperationalError, "40P01")

    with pytest.raises(OperationalError):
        view(RequestFactory().get("/"))
    assert len(calls) == 1
