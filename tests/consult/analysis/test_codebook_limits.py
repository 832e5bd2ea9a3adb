"""D5: codebook files past the database's limits: a message naming where, no 500."""

import io

import pytest

from consult.analysis.codebook_files import (
    MAX_QDC_DEPTH,
    CodebookError,
    read_codebook_csv,
    read_qdc,
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name\n" + "n" * 201 + "\n", "Row 2, column 'name': the name is 201"),
        ("name,key\nA," + "k" * 61 + "\n", "Row 2, column 'key': the key is 61"),
        ("name,key\nA,a b\n", "Row 2, column 'key': the key may hold only"),
        ("name,description\nA,x\x00y\n", "Row 2, column 'description': it holds a NUL"),
        ("name\nA\n" + '"' + "x" * 140_000 + '"\n', "Row 3: the CSV file cannot"),
    ],
)
def test_csv_codebooks_past_the_limits_say_row_and_column(text, message):
    with pytest.raises(CodebookError, match=message):
        read_codebook_csv(io.StringIO(text))


def qdc(codes: str) -> io.BytesIO:
    return io.BytesIO(
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        + codes.encode()
        + b"</Codes></CodeBook>"
    )


def test_a_qdc_code_name_over_200_characters_is_refused_clearly():
    with pytest.raises(CodebookError, match="Code 1 .*the name is 201"):
        read_qdc(qdc(f'<Code guid="1" name="{"n" * 201}"/>'))


def test_a_qdc_nested_3000_deep_is_refused_without_recursion_error():
    deep = '<Code guid="x" name="c">' * 3000 + "</Code>" * 3000
    with pytest.raises(CodebookError, match=f"more than {MAX_QDC_DEPTH} levels"):
        read_qdc(qdc(deep))


def test_a_qdc_within_the_limits_keeps_its_order_and_nesting():
    rules = read_qdc(
        qdc(
            '<Code guid="1" name="A"><Code guid="2" name="A1"/></Code>'
            '<Code guid="3" name="B"/>'
        )
    )
    assert [(r.name, r.parent) for r in rules] == [
        ("A", None),
        ("A1", "a"),
        ("B", None),
    ]
