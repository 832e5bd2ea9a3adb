"""Reading uploaded response files: CSV (UTF-8) and XLSX, one row at a time.

Rows are never gathered into a list: ``csv.reader`` and openpyxl's read-only
mode yield them one by one. Used by ``imports.py``.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _

from .models import Question

MAX_BYTES = 10 * 1024 * 1024
# Checking and importing run in the officer's request: 5,000 rows take about
# 2 s to check and 6-11 s to import (tests/benchmarks/bench_imports.py), well
# inside a request's time. Larger batches are split into several files.
MAX_ROWS = 5_000
# The column-matching page has a choice per column; past a few hundred it is
# slow to build and past Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) it
# cannot be sent. No paper form has more questions than this.
MAX_COLUMNS = 300
SOURCE_COLUMN = "source"  # a mapping target: where each response came from
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file cannot be imported at all; the message is for the officer."""


def file_format(name: str, head: bytes) -> str:
    """ "csv" or "xlsx", judged by the name and the first bytes."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not head.startswith(XLSX_MAGIC):
            raise ImportFileError(_("The file is not a valid Excel (.xlsx) file."))
        return "xlsx"
    if lower.endswith(".csv"):
        if head.startswith(XLSX_MAGIC):
            raise ImportFileError(
                _(
                    "The file is an Excel workbook with a .csv name. "
                    "Save it as .xlsx, or as ‘CSV UTF-8’ from Excel."
                )
            )
        if b"\x00" in head:
            raise ImportFileError(_("The file is not a text CSV file."))
        return "csv"
    raise ImportFileError(_("The file must be a CSV (.csv) or Excel (.xlsx) file."))


def cell_text(value) -> str:
    """A cell as text: numbers without a spurious ".0", dates as ISO dates.

    Formulas are read as their text (``data_only=False``), never evaluated.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def iter_rows(content: bytes, fmt: str) -> Iterator[list[str]]:
    """Every row of the file (the first sheet of a workbook) as text cells."""
    if fmt == "csv":
        text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
        try:
            yield from csv.reader(text)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("The CSV file is not in UTF-8. In Excel, save it as ‘CSV UTF-8’.")
            ) from exc
        except csv.Error as exc:
            raise ImportFileError(
                _("The CSV file cannot be read: %(error)s.") % {"error": exc}
            ) from exc
        return
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("The Excel file cannot be read.")) from exc
    try:
        if not workbook.worksheets:
            return
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(v) for v in row]
    finally:
        workbook.close()


def blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_columns(content: bytes, fmt: str) -> list[str]:
    """The headings of the first row; refuses empty files and repeated headings."""
    rows = iter_rows(content, fmt)
    header = next(rows, None)
    if header is None or blank(header):
        raise ImportFileError(
            _("The file is empty: the first row must hold the column headings.")
        )
    while header and not header[-1].strip():
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            _(
                "The file has %(count)s columns; at most %(most)s can be matched "
                "to questions. Delete the columns you do not need to import."
            )
            % {"count": f"{len(header):,}", "most": MAX_COLUMNS}
        )
    columns = [
        h.strip() or f"(no heading, column {_column_letter(i)})"
        for i, h in enumerate(header)
    ]
    seen: dict[str, int] = {}
    for index, heading in enumerate(columns):
        key = _normal(heading)
        if key in seen:
            raise ImportFileError(
                _(
                    "The heading “%(heading)s” appears twice (columns %(first)s "
                    "and %(second)s). Each column needs its own heading."
                )
                % {
                    "heading": heading,
                    "first": _column_letter(seen[key]),
                    "second": _column_letter(index),
                }
            )
        seen[key] = index
    count, answered = 0, False
    for row in rows:  # one pass, row by row: the size is known before any work
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(too_many_rows())
        answered = answered or not blank(row)
    if not answered:
        raise ImportFileError(_("The file has headings but no responses."))
    return columns


def too_many_rows() -> str:
    return _(
        "The file has more than %(most)s rows of responses. "
        "Split it into smaller files and import each."
    ) % {"most": f"{MAX_ROWS:,}"}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip("?:.").strip().casefold()


def suggest_mapping(columns: list[str], questions: list[Question]) -> dict:
    """Column index -> question id where a heading matches a question's wording."""
    by_label = {_normal(q.label): str(q.pk) for q in questions}
    mapping = {}
    for index, heading in enumerate(columns):
        if _normal(heading) in by_label:
            mapping[str(index)] = by_label[_normal(heading)]
        elif _normal(heading) in ("source", "where the response came from"):
            mapping[str(index)] = SOURCE_COLUMN
    return mapping
