"""A real Celery worker process on the Redis broker, reading the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker(transactional_db):
    """Start ``celery worker`` (2 processes) against the test database; yield the app.

    Tests that use it must commit their data (transactional_db) so the worker
    sees it. The queue is purged first, so leftovers of a killed run do not leak in.
    """
    from consult.celery import app

    broker = settings.INTEGRATION_BROKER_URL
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    app.control.purge()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consult.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
    }
    worker = subprocess.Popen(  # noqa: S603 -- our own command line
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "consult",
            "worker",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if app.control.ping(timeout=0.5):
                break
            if worker.poll() is not None:
                pytest.fail("the Celery worker exited at start-up")
        else:
            pytest.fail("the Celery worker did not answer within 30 s")
        yield app
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        app.conf.update(task_always_eager=True)
