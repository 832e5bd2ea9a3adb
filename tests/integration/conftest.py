"""A real Celery worker process on the Redis broker, reading the test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.db_template import database_url

ROOT = Path(__file__).resolve().parents[2]


class Workers:
    """``celery worker`` processes (2 each) on the test database, which a test
    may kill outright (SIGKILL to the process group, as when a host dies) and
    start again."""

    def __init__(self, app, env):
        self.app, self.env, self.processes = app, env, []

    def start(self) -> subprocess.Popen:
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
                f"test-{os.getpid()}-{len(self.processes)}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            # Its own process group, so that killing it takes its pool with it.
            start_new_session=True,
        )
        self.processes.append(worker)
        # Generous: a busy 2-core machine takes a while to load Django and NLTK.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.app.control.ping(timeout=0.5):
                return worker
            if worker.poll() is not None:
                pytest.fail("the Celery worker exited at start-up")
        pytest.fail("the Celery worker did not answer within 120 s")

    def kill(self, worker: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool processes: nothing is acknowledged."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    def stop_all(self) -> None:
        for worker in self.processes:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
                    worker.wait(timeout=30)


@pytest.fixture
def celery_workers(transactional_db):
    """Start and kill real workers on the Redis broker; yields ``Workers``.

    Tests that use it must commit their data (transactional_db) so the worker
    sees it. The queue is purged first, so leftovers of a killed run do not leak in.
    """
    from celery._state import _set_task_join_will_block

    from consult.celery import app

    # Eager tasks sent from several threads at once (a test submitting
    # concurrently) can leave Celery's process-wide "inside a task" guard set,
    # which makes result.get() refuse here; this process is not a task.
    _set_task_join_will_block(False)
    broker = settings.INTEGRATION_BROKER_URL
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    app.control.purge()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consult.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
    }
    workers = Workers(app, env)
    try:
        yield workers
    finally:
        workers.stop_all()
        app.control.purge()
        app.conf.update(task_always_eager=True)


@pytest.fixture
def celery_worker(celery_workers):
    """One ``celery worker`` (2 processes) against the test database; yields the app."""
    celery_workers.start()
    return celery_workers.app
