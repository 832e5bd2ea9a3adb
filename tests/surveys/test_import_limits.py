"""D5: a response file too wide to match column by column is refused up front."""

import pytest

from surveys import import_files
from surveys.import_files import MAX_COLUMNS, ImportFileError


def test_a_file_wider_than_the_matching_page_can_send_is_refused():
    header = ",".join(f"q{i}" for i in range(20_000))
    content = (header + "\n" + "x," * 19_999 + "x\n").encode()
    with pytest.raises(ImportFileError, match=f"20,000 columns; at most {MAX_COLUMNS}"):
        import_files.read_columns(content, "csv")


def test_a_file_at_the_limit_is_read():
    header = ",".join(f"q{i}" for i in range(MAX_COLUMNS))
    content = (header + "\n" + "x," * (MAX_COLUMNS - 1) + "x\n").encode()
    assert len(import_files.read_columns(content, "csv")) == MAX_COLUMNS
