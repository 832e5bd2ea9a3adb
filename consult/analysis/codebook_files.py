"""Codebooks in and out: CSV for spreadsheets, REFI-QDA (.qdc) for NVivo, Taguette ...

CSV columns: key, name, description, signals, exclusions, parent; signals and
exclusions separated by ``;``. REFI-QDA has no place for signals, so they travel
in each code's description under "Signals:" and "Exclusions:" lines, which
other tools show as text and this module reads back.
"""

import csv
import re
import uuid
from xml.etree.ElementTree import Element, SubElement, tostring  # noqa: S405 -- writing only

from defusedxml.ElementTree import fromstring

from .matching import ThemeRule

CSV_COLUMNS = ["key", "name", "description", "signals", "exclusions", "parent"]
QDC_NS = "urn:QDA-XML:codebook:1.0"
_GUID_NS = uuid.UUID("6f1c2f7e-53b4-4f5e-9d55-3c1a3a2c9b10")


class CodebookError(ValueError):
    """The file is not a codebook this platform can read; the message says why."""


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "theme"


def read_codebook_csv(fileobj) -> list[ThemeRule]:
    """Rules from a codebook CSV, refusing one that would silently tag nothing:
    a missing 'name' column, a column this format does not have (a 'terms'
    column is not read as signals), or no signal in any theme."""
    reader = csv.DictReader(fileobj)
    columns = [c.strip() for c in reader.fieldnames or []]
    if "name" not in columns:
        raise CodebookError(
            "The codebook CSV needs at least a 'name' column; it has "
            f"{', '.join(repr(c) for c in columns) or 'no header'}."
        )
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        raise CodebookError(
            f"Unknown column(s) {', '.join(repr(c) for c in unknown)}: a codebook "
            f"CSV has the columns {', '.join(CSV_COLUMNS)} (signals and exclusions "
            "separated by ';')."
        )
    reader.fieldnames = columns
    rules, seen = [], set()
    for line, row in enumerate(reader, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            raise CodebookError(f"Row {line}: the theme has no name.")
        key = (row.get("key") or "").strip() or slug(name)
        if key in seen:
            raise CodebookError(f"Row {line}: the key '{key}' is used twice.")
        seen.add(key)
        rules.append(
            ThemeRule(
                key=key,
                name=name,
                description=(row.get("description") or "").strip(),
                signals=_split(row.get("signals")),
                exclusions=_split(row.get("exclusions")),
                parent=(row.get("parent") or "").strip() or None,
            )
        )
    unknown = {r.parent for r in rules if r.parent} - seen
    if unknown:
        raise CodebookError(f"Unknown parent theme(s): {', '.join(sorted(unknown))}.")
    if rules and not any(r.signals for r in rules):
        raise CodebookError(
            "No theme has a signal: the 'signals' column is "
            + ("empty" if "signals" in columns else "missing")
            + ", so no answer would get a theme. Give each theme words or phrases "
            "separated by ';'."
        )
    return rules


def write_codebook_csv(rules: list[ThemeRule], fileobj) -> None:
    writer = csv.DictWriter(fileobj, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for r in rules:
        writer.writerow(
            {
                "key": r.key,
                "name": r.name,
                "description": r.description,
                "signals": "; ".join(r.signals),
                "exclusions": "; ".join(r.exclusions),
                "parent": r.parent or "",
            }
        )


def write_qdc(rules: list[ThemeRule], fileobj) -> None:
    """Write a REFI-QDA codebook (binary file object)."""
    root = Element("CodeBook", {"xmlns": QDC_NS, "origin": "Sounding Board"})
    codes = SubElement(root, "Codes")
    elements = {}
    by_key = {r.key: r for r in rules}
    # Parents first, so children can nest inside them.
    for rule in sorted(rules, key=lambda r: _depth(r, by_key)):
        parent = elements.get(rule.parent, codes)
        code = SubElement(
            parent,
            "Code",
            {
                "guid": str(uuid.uuid5(_GUID_NS, rule.key)),
                "name": rule.name,
                "isCodable": "true",
            },
        )
        SubElement(code, "Description").text = _describe(rule)
        elements[rule.key] = code
    fileobj.write(b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, "utf-8"))


def _depth(rule: ThemeRule, by_key: dict) -> int:
    depth, seen = 0, set()
    while rule.parent and rule.parent in by_key and rule.key not in seen:
        seen.add(rule.key)
        rule, depth = by_key[rule.parent], depth + 1
    return depth


def _describe(rule: ThemeRule) -> str:
    lines = [rule.description] if rule.description else []
    if rule.signals:
        lines.append("Signals: " + "; ".join(rule.signals))
    if rule.exclusions:
        lines.append("Exclusions: " + "; ".join(rule.exclusions))
    lines.append(f"Key: {rule.key}")
    return "\n".join(lines)


def read_qdc(fileobj) -> list[ThemeRule]:
    """Read a REFI-QDA codebook; codes from other tools become signal-less themes."""
    try:
        root = fromstring(fileobj.read())
    except Exception as exc:  # defusedxml raises several kinds
        raise CodebookError(f"This is not a readable REFI-QDA codebook: {exc}") from exc
    if not root.tag.endswith("CodeBook"):
        raise CodebookError("This XML file is not a REFI-QDA codebook (no CodeBook).")
    ns = {"q": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
    prefix = "q:" if ns else ""
    rules: list[ThemeRule] = []

    def walk(element, parent_key):
        for code in element.findall(f"{prefix}Code", ns):
            name = code.get("name", "").strip()
            if not name:
                raise CodebookError("A code in the codebook has no name.")
            description = code.findtext(f"{prefix}Description", "", ns)
            rule = _parse_description(name, description, parent_key)
            rules.append(rule)
            walk(code, rule.key)

    codes = root.find(f"{prefix}Codes", ns)
    if codes is None:
        raise CodebookError("The codebook has no Codes element.")
    walk(codes, None)
    return rules


def _parse_description(name: str, description: str, parent: str | None) -> ThemeRule:
    rule = ThemeRule(key=slug(name), name=name, parent=parent)
    text = []
    for line in (description or "").splitlines():
        if line.startswith("Signals:"):
            rule.signals = _split(line.removeprefix("Signals:"))
        elif line.startswith("Exclusions:"):
            rule.exclusions = _split(line.removeprefix("Exclusions:"))
        elif line.startswith("Key:"):
            rule.key = line.removeprefix("Key:").strip() or rule.key
        else:
            text.append(line)
    rule.description = "\n".join(text).strip()
    return rule
