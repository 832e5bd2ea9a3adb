"""D3: every CSV and XLSX we write goes through one neutralising writer."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from consult.analysis.codebook_files import read_codebook_csv, write_codebook_csv
from consult.analysis.matching import ThemeRule
from consult.sheets import csv_writer, neutralise, xlsx_append

PLANTED = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(A1)"]
ROOT = Path(__file__).resolve().parents[2]


def test_the_writer_neutralises_text_and_keeps_numbers():
    out = io.StringIO()
    csv_writer(out).writerow([*PLANTED, -5, 0.25, None])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row[:3] == ["'" + p for p in PLANTED]
    assert row[3:] == ["-5", "0.25", ""]


def test_xlsx_cells_are_text_not_formulas():
    book = Workbook(write_only=True)
    xlsx_append(book.create_sheet("s"), PLANTED)
    buffer = io.BytesIO()
    book.save(buffer)
    cells = [c.value for c in load_workbook(buffer).active[1]]
    assert cells == ["'" + p for p in PLANTED]
    assert all(c.data_type == "s" for c in load_workbook(buffer).active[1])


def test_the_codebook_export_neutralises_a_renamed_theme_and_reads_it_back():
    rules = [ThemeRule(key="evil", name=PLANTED[0], signals=[PLANTED[1]])]
    out = io.StringIO()
    write_codebook_csv(rules, out)
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[1] == "'" + PLANTED[0] and row[3] == "'" + PLANTED[1]
    back = read_codebook_csv(io.StringIO(out.getvalue()))
    assert back[0].name == PLANTED[0] and back[0].signals == [PLANTED[1]]


def test_nothing_writes_csv_or_xlsx_around_the_neutralising_writer():
    offenders = []
    for path in [*ROOT.glob("consult/**/*.py"), *ROOT.glob("surveys/**/*.py")]:
        if path.name == "sheets.py":
            continue
        text = path.read_text()
        for banned in ("csv.writer(", "csv.DictWriter(", "sheet.append("):
            if banned in text:
                offenders.append(f"{path.relative_to(ROOT)}: {banned}")
    assert offenders == []


@pytest.mark.parametrize("value", ["-5", "+44 7700", "=1"])
def test_text_that_starts_like_a_formula_is_prefixed(value):
    assert neutralise(value) == "'" + value
