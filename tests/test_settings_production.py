"""Production settings refuse unsafe configuration and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="consult.settings.production",
        ALLOWED_HOSTS="consult.example.gov.uk",
        DATABASE_URL="sqlite:////tmp/sb-production-check.sqlite3",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/9",
    )
    environment["CACHE_URL"] = "redis://127.0.0.1:6379/10"
    environment["EQUALITIES_LINK_KEY"] = "e" * 64
    environment.update(**env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_are_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_the_development_secret_key():
    from consult.settings.base import DEVELOPMENT_SECRET_KEY

    result = run_manage("check", SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_refuses_a_missing_secret_key():
    result = run_manage("check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_refuses_debug():
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(64), DEBUG="on")
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_seed_demo_refuses_under_production_settings():
    """D8: the demo's superuser has a published password and TOTP secret."""
    result = run_manage(
        "seed_demo", SECRET_KEY=secrets.token_urlsafe(64), DEMO_DATA_ALLOWED="1"
    )
    assert result.returncode != 0
    assert "Refusing to load the demo data" in result.stderr


def test_refuses_a_cache_on_the_brokers_redis_database():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(64),
        CACHE_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode != 0
    assert "CACHE_URL is the Celery broker's Redis database" in result.stderr
