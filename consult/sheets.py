"""The one writer for every CSV and XLSX file the platform hands out.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``
(or a tab or carriage return before one) as a formula: ``=HYPERLINK(...)``
leaks data, ``+cmd|...`` runs programs (OWASP "CSV injection"). Any text we
write may have been typed by a respondent, a nominee or an officer, so every
text cell goes through ``neutralise``: an apostrophe in front, which the
programs show as text. Numbers and dates are written as they are.

Bottom layer: imports nothing of ours, so every app writes through it.
"""

import csv
import datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_TYPES = (int, float, datetime.date, datetime.datetime, datetime.time)


def neutralise(value):
    """The cell made safe to open: text as text, numbers and dates untouched."""
    if value is None:
        return ""
    if isinstance(value, _PLAIN_TYPES) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """Undo ``neutralise`` on a cell read back from a file we wrote (round trips)."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class CsvWriter:
    """``csv.writer`` with every cell neutralised. ``writerow`` returns what
    the file object's ``write`` returns, so an echo buffer streams lines."""

    def __init__(self, fileobj, **kwargs):
        self._writer = csv.writer(fileobj, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(fileobj, **kwargs) -> CsvWriter:
    return CsvWriter(fileobj, **kwargs)


def xlsx_append(sheet, row) -> None:
    """Append a row to an openpyxl sheet, neutralised (openpyxl would otherwise
    store a text starting with ``=`` as a formula)."""
    sheet.append([neutralise(cell) for cell in row])
