"""`make run PORT=8100` prints, and links in messages use, the port it serves on."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="needs make")


def make(*args, extra=""):
    files = ["-f", "Makefile"]
    if extra:
        files += ["-f", "-"]
    return subprocess.run(
        ["make", "--no-print-directory", *files, *args],
        cwd=ROOT,
        input=extra,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout


def test_run_prints_the_admin_address_on_the_port_asked_for():
    out = make("-n", "run", "PORT=8100")
    assert "http://127.0.0.1:8100/admin/" in out
    assert ":8000/admin/" not in out


def test_the_site_address_reaches_the_commands_it_runs():
    show = "show-base-url:\n\t@echo $$WAGTAILADMIN_BASE_URL\n"
    assert make("-s", "show-base-url", "PORT=8100", extra=show).strip() == (
        "http://127.0.0.1:8100"
    )
