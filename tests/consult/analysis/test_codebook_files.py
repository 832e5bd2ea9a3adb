import io

import pytest

from consult.analysis.codebook_files import (
    CodebookError,
    read_codebook_csv,
    read_qdc,
    write_codebook_csv,
    write_qdc,
)
from consult.analysis.matching import ThemeRule

RULES = [
    ThemeRule(
        "access", "Access to help", "How families get help", ["front door", "refer*"]
    ),
    ThemeRule(
        "front-door",
        "Single front door",
        "",
        ["one number"],
        ["door handle"],
        parent="access",
    ),
    ThemeRule(
        "rename", "Renaming & names <new>", 'Quotes "and" ampersands', ["rename*"]
    ),
]


def test_csv_round_trip():
    buffer = io.StringIO()
    write_codebook_csv(RULES, buffer)
    buffer.seek(0)
    assert read_codebook_csv(buffer) == RULES


def test_qdc_round_trip_keeps_hierarchy_signals_and_exclusions():
    buffer = io.BytesIO()
    write_qdc(RULES, buffer)
    assert b"urn:QDA-XML:codebook:1.0" in buffer.getvalue()
    buffer.seek(0)
    assert sorted(read_qdc(buffer), key=lambda r: r.key) == sorted(
        RULES, key=lambda r: r.key
    )


def test_qdc_from_another_tool_becomes_signal_less_themes():
    xml = b"""<?xml version="1.0" encoding="utf-8"?>
    <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="a" name="Transport" isCodable="true"><Description>Buses</Description>
        <Code guid="b" name="Parking" isCodable="true"/></Code>
    </Codes></CodeBook>"""
    rules = read_qdc(io.BytesIO(xml))
    assert [(r.key, r.name, r.parent, r.signals) for r in rules] == [
        ("transport", "Transport", None, []),
        ("parking", "Parking", "transport", []),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title\nx\n", "needs at least a 'name' column"),
        ("name,key\nA,a\nB,a\n", "used twice"),
        ("name\n\n,\n", "no name"),
        ("name,parent\nA,zzz\n", "Unknown parent"),
    ],
)
def test_bad_csv_codebooks_say_what_is_wrong(text, message):
    with pytest.raises(CodebookError, match=message):
        read_codebook_csv(io.StringIO(text))


def test_bad_xml_is_refused_clearly():
    with pytest.raises(CodebookError, match="not a readable"):
        read_qdc(io.BytesIO(b"<CodeBook><Codes>"))
    with pytest.raises(CodebookError, match="not a REFI-QDA codebook"):
        read_qdc(io.BytesIO(b"<html/>"))
