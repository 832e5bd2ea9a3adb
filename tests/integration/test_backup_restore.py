"""make backup / make restore: a backup restored into an empty database holds
every response, and the media files come back."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from surveys.models import Response
from tests.db_template import database_url
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def run(script, **env):
    result = subprocess.run(  # noqa: S603 -- our own scripts
        [str(ROOT / "ops" / script)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_backup_restores_into_an_empty_database(transactional_db, tmp_path):
    round_, _ = survey_round()
    references = {
        Response.objects.create(round=round_, reference=f"SB-BACKUP{n:02d}").reference
        for n in range(25)
    }
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "proposal.pdf").write_bytes(b"%PDF-1.7 proposal")

    source = database_url()
    folder = run(
        "backup", DATABASE_URL=source, MEDIA_ROOT=str(media), BACKUP_DIR=str(tmp_path)
    )

    admin = source.rsplit("/", 1)[0] + "/postgres"
    empty = f"sb_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {empty}")  # an empty database
    try:
        target = source.rsplit("/", 1)[0] + "/" + empty
        restored_media = tmp_path / "restored-media"
        run(
            "restore",
            BACKUP=folder,
            DATABASE_URL=target,
            MEDIA_ROOT=str(restored_media),
        )
        with psycopg.connect(target) as conn:
            rows = conn.execute("SELECT reference FROM surveys_response").fetchall()
        assert {r[0] for r in rows} == references
        assert (restored_media / "documents" / "proposal.pdf").read_bytes() == (
            b"%PDF-1.7 proposal"
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {empty}")
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
