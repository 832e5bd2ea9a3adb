"""One migrated PostgreSQL database that every test database is copied from.

Migrating from scratch takes most of a minute of CPU (Wagtail's models are
re-rendered for each of some 275 migrations), and ``make test`` used to do it
three times: once per pytest-xdist process, once more for the integration
tests. Now the first process to get here migrates a template database, under
an advisory lock, and every test database is created from it
(``CREATE DATABASE ... TEMPLATE``, Django's ``TEST["TEMPLATE"]``); Django's
``migrate`` then finds nothing to apply. The template is named after the
configured database and labelled with a fingerprint of every migration file,
so a changed or added migration builds a new one.

``make test`` builds it before pytest starts (``python -m tests.db_template``),
beside the lint and the optional installs, so no test process waits for it.
"""

import hashlib
import sys

from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader

LOCK = 7_121_009  # pg_advisory_lock key: any number nothing else uses


def fingerprint() -> str:
    """A hash of every migration file's content, ours and the libraries'."""
    digest = hashlib.sha256()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        with open(module.__file__, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()[:32]


def database_url(name: str | None = None, alias: str = "default") -> str:
    """A libpq URL for ``alias``'s server and database ``name`` (its own by
    default), for the processes the tests start."""
    db = connections[alias].settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{name or db['NAME']}"


def use_migrated_template(alias: str = "default") -> None:
    """Point ``alias``'s test database at an up-to-date migrated template."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return
    name = f"test_{connection.settings_dict['NAME']}_migrated"[:63]
    quoted = connection.ops.quote_name(name)
    wanted = fingerprint()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                " WHERE datname = %s",
                [name],
            )
            row = cursor.fetchone()
            if row is None or row[0] != wanted:
                if row is not None:
                    cursor.execute(f"DROP DATABASE {quoted}")
                cursor.execute(f"CREATE DATABASE {quoted}")
                _migrate(connection, name)
                # The fingerprint is hex: safe to write into the statement.
                cursor.execute(f"COMMENT ON DATABASE {quoted} IS '{wanted}'")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    connection.settings_dict["TEST"]["TEMPLATE"] = name


def _migrate(connection, name: str) -> None:
    # As Django's create_test_db does: point the connection at the new
    # database, migrate, and close it (a template must have no connections).
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        call_command("migrate", verbosity=0, interactive=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


if __name__ == "__main__":
    import django

    django.setup()
    use_migrated_template()
