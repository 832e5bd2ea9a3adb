"""The demo site for browser tests: seeded once per test process, then restored.

``seed_demo`` takes half a minute, and a browser test's database is emptied
after it (the live server needs committed rows, so these tests are
transactional and end in a TRUNCATE). On PostgreSQL the first test's seeded
rows are copied into a schema of their own and copied back for each later test
in about a second; elsewhere the demo is seeded each time. The documents it
wrote to ``MEDIA_ROOT`` are copied the same way.

Restored rows keep their ids: the table sequences have already passed them (a
flush does not reset sequences), and are set past them anyway.
"""

import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "browser_demo_snapshot"
# Taken in this process: a snapshot left by an earlier run (--reuse-db) may hold
# an older demo, so each process takes its own first.
_taken: dict = {}


def demo_site(media_root: Path) -> None:
    """The database holds the demo site and ``media_root`` its files."""
    if connection.vendor != "postgresql":
        call_command("seed_demo", verbosity=0)
        return
    if not _taken:
        call_command("seed_demo", verbosity=0)
        _take(media_root)
        return
    _restore(media_root)


def _tables() -> list[str]:
    return connection.introspection.django_table_names(
        only_existing=True, include_views=False
    )


# Table names come from Django's introspection of our own schema, never input.
def _take(media_root: Path) -> None:
    tables = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in map(connection.ops.quote_name, _tables()):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM public.{table})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{table} AS TABLE public.{table}")
                tables.append(table)
    files = Path(tempfile.mkdtemp(prefix="demo-media-"))
    if media_root.exists():
        shutil.copytree(media_root, files, dirs_exist_ok=True)
    _taken.update(tables=tables, files=files)


def _restore(media_root: Path) -> None:
    # The flush after each test re-creates content types, permissions and
    # roles (post_migrate): the snapshot replaces them. Django's foreign keys on
    # PostgreSQL are DEFERRABLE INITIALLY DEFERRED, checked at the commit, so
    # the tables can be filled in any order.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _taken["tables"]:
            cursor.execute(f"DELETE FROM public.{table}")  # noqa: S608
            cursor.execute(f"INSERT INTO public.{table} SELECT * FROM {SCHEMA}.{table}")  # noqa: S608
        models = list(apps.get_models(include_auto_created=True))
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    ContentType.objects.clear_cache()
    cache.clear()
    shutil.copytree(_taken["files"], media_root, dirs_exist_ok=True)
