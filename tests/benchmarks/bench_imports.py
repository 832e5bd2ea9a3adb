"""Importing responses from files (``make bench``): rows per second and memory.

Builds a CSV and an XLSX of BENCH_IMPORT_ROWS rows (default and most 5,000) of a
three-question survey, then times the upload check, the validation of every
row and the import, and reports Python's peak memory for each step
(tracemalloc). Runs on a fresh test database: SQLite by default, PostgreSQL
when DATABASE_URL says so.
"""

import csv
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))  # imports.MAX_ROWS
VIEWS = [  # the survey's free-text limit is 50 characters
    "An evening phone line, in Polish.",
    "Keep the same worker, please.",
    "=SUM(A1): two buses is too far.",
]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()


def _rows():
    yield ["Which best describes you?", "What do you think?", "Which do you use?"]
    for i in range(ROWS):
        yield ["Parent or carer", VIEWS[i % 3] + f" ({i})", "Centres; Schools"]


def _csv() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(_rows())
    return out.getvalue().encode("utf-8-sig")


def _xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in _rows():
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _measure(label, fn, *, memory=True):
    """Time ``fn``; then, if asked, run it again under tracemalloc for its peak.

    (tracemalloc slows Python several times over, so it never runs while timing.)
    """
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    peak = ""
    if memory:
        tracemalloc.start()
        fn()
        peak = f"peak {tracemalloc.get_traced_memory()[1] / 1e6:6.1f} MB"
        tracemalloc.stop()
    print(f"  {label:<28} {seconds:6.2f} s  {ROWS / seconds:8.0f} rows/s  {peak}")
    return result


def run(name: str, content: bytes):
    from consult.accounts.models import User
    from surveys import imports
    from surveys.models import Response
    from tests.surveys.factories import survey_round

    round_, _ = survey_round()
    officer = User.objects.create_user(f"bench-{name}@example.org")
    print(f"{name}: {ROWS} rows, {len(content) / 1e6:.1f} MB")
    upload = _measure(
        "upload (headings, type)",
        lambda: imports.receive_upload(
            round_=round_,
            uploaded_by=officer,
            name=f"bench.{name}",
            chunks=[content],
        ),
        memory=False,
    )
    _measure(
        "validate every row",
        lambda: imports.check_import(
            upload=upload, mapping=upload.mapping, source="Bench"
        ),
    )
    _measure(
        "import (one transaction)",
        lambda: imports.import_responses(upload_id=upload.pk, skip_refused=False),
        memory=False,
    )
    assert Response.objects.filter(round=round_).count() == ROWS
    print(f"  process peak RSS so far      {_rss_mb():.0f} MB")


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    _setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} ({name})")
        run("csv", _csv())
        run("xlsx", _xlsx())
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
