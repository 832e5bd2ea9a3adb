"""PostgreSQL for the test suite: emptying the database after a transactional
test deletes rows instead of truncating every table.

Browser, integration and other transactional tests end in Django's flush: one
TRUNCATE of some 200 tables, about 3 s each time, although most of them are
empty. Deleting from each is a fraction of that. Django's foreign keys are
DEFERRABLE INITIALLY DEFERRED and the flush runs in one transaction, so the
order does not matter. Where sequences are to be reset, or with cascade,
Django's own TRUNCATE stays.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return super().sql_flush(
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        # Table names from Django's introspection of our own schema.
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
