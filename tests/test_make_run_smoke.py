"""`make run` on a fresh database serves the demo site (the README's first command)."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_run_serves_the_demo_consultation(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_FILE_PATH": str(tmp_path / "outbox"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "consult.settings.dev",
    }
    env.pop("CELERY_BROKER_URL", None)  # the embedded default: eager tasks
    # A file, not a pipe: nobody reads a pipe until the end, and once its 64 KB
    # buffer fills `make run` would block on writing its log.
    log = (tmp_path / "make-run.log").open("w+")
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    try:
        html = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/", timeout=5
                ) as r:
                    html = r.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert html is not None, (
            "make run did not serve the site:\n"
            + ((tmp_path / "make-run.log").read_text()[-5000:])
        )
        assert "A new operating model for Children&#x27;s Services" in html
        assert "Outcome published" in html
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    log.close()
    output = (tmp_path / "make-run.log").read_text()
    assert "Demo accounts (development only)" in output
