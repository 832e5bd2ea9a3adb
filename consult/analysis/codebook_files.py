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
from django.utils.translation import gettext as _

from consult.sheets import csv_writer, restore

from .matching import ThemeRule

CSV_COLUMNS = ["key", "name", "description", "signals", "exclusions", "parent"]
QDC_NS = "urn:QDA-XML:codebook:1.0"
# The Theme model's limits, checked here so that a file gets a message, not a 500.
MAX_NAME = 200
MAX_KEY = 60
KEY_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")
# Themes nest a few levels; a deeper file is a mistake or an attack.
MAX_QDC_DEPTH = 20
_GUID_NS = uuid.UUID("6f1c2f7e-53b4-4f5e-9d55-3c1a3a2c9b10")


class CodebookError(ValueError):
    """The file is not a codebook this platform can read; the message says why."""


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "theme"


def check_rule(rule: ThemeRule, where: str, column=lambda name: name) -> None:
    """Refuse a theme the database could not hold, naming where it is and why.

    ``where`` says which row or code; ``column`` names a field as the file does.
    """
    fields = {
        "key": rule.key,
        "name": rule.name,
        "description": rule.description,
        "signals": "; ".join(rule.signals),
        "exclusions": "; ".join(rule.exclusions),
        "parent": rule.parent or "",
    }
    for field, value in fields.items():
        if "\x00" in value:
            raise CodebookError(
                _(
                    "%(where)s, %(column)s: it holds a NUL character, which no "
                    "one types. Check the file was saved as text."
                )
                % {"where": where, "column": column(field)}
            )
    if not rule.name:
        raise CodebookError(_("%(where)s: the theme has no name.") % {"where": where})
    if len(rule.name) > MAX_NAME:
        raise CodebookError(
            _(
                "%(where)s, %(column)s: the name is %(length)s characters long; "
                "a theme's name can be at most %(most)s."
            )
            % {
                "where": where,
                "column": column("name"),
                "length": f"{len(rule.name):,}",
                "most": MAX_NAME,
            }
        )
    if len(rule.key) > MAX_KEY:
        raise CodebookError(
            _(
                "%(where)s, %(column)s: the key is %(length)s characters long; "
                "a key can be at most %(most)s."
            )
            % {
                "where": where,
                "column": column("key"),
                "length": f"{len(rule.key):,}",
                "most": MAX_KEY,
            }
        )
    if not KEY_PATTERN.match(rule.key):
        raise CodebookError(
            _(
                "%(where)s, %(column)s: the key may hold only letters, digits, "
                "hyphens and underscores."
            )
            % {"where": where, "column": column("key")}
        )


def read_codebook_csv(fileobj) -> list[ThemeRule]:
    """Rules from a codebook CSV, refusing one that would silently tag nothing:
    a missing 'name' column, a column this format does not have (a 'terms'
    column is not read as signals), or no signal in any theme."""
    reader = csv.DictReader(fileobj)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise CodebookError(
            _("Row 1: the CSV file cannot be read (%(error)s).") % {"error": exc}
        ) from exc
    columns = [c.strip() for c in fieldnames or []]
    if "name" not in columns:
        raise CodebookError(
            _("The codebook CSV needs at least a 'name' column; it has %(columns)s.")
            % {"columns": ", ".join(repr(c) for c in columns) or _("no header")}
        )
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        raise CodebookError(
            _(
                "Unknown column(s) %(unknown)s: a codebook CSV has the columns "
                "%(columns)s (signals and exclusions separated by ';')."
            )
            % {
                "unknown": ", ".join(repr(c) for c in unknown),
                "columns": ", ".join(CSV_COLUMNS),
            }
        )
    reader.fieldnames = columns
    rules, seen = [], set()
    line = 1
    try:
        for line, row in enumerate(reader, start=2):  # noqa: B007 -- used below
            rule = _csv_rule(row)
            check_rule(
                rule,
                _("Row %(row)s") % {"row": line},
                lambda name: _("column '%(name)s'") % {"name": name},
            )
            if rule.key in seen:
                raise CodebookError(
                    _("Row %(row)s: the key '%(key)s' is used twice.")
                    % {"row": line, "key": rule.key}
                )
            seen.add(rule.key)
            rules.append(rule)
    except csv.Error as exc:
        raise CodebookError(
            _("Row %(row)s: the CSV file cannot be read there (%(error)s).")
            % {"row": line + 1, "error": exc}
        ) from exc
    unknown = {r.parent for r in rules if r.parent} - seen
    if unknown:
        raise CodebookError(
            _("Unknown parent theme(s): %(themes)s.")
            % {"themes": ", ".join(sorted(unknown))}
        )
    if rules and not any(r.signals for r in rules):
        raise CodebookError(
            _(
                "No theme has a signal: the 'signals' column is empty, so no "
                "answer would get a theme. Give each theme words or phrases "
                "separated by ';'."
            )
            if "signals" in columns
            else _(
                "No theme has a signal: the 'signals' column is missing, so no "
                "answer would get a theme. Give each theme words or phrases "
                "separated by ';'."
            )
        )
    return rules


def _csv_rule(row: dict) -> ThemeRule:
    row = {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}
    name = (row.get("name") or "").strip()
    return ThemeRule(
        key=(row.get("key") or "").strip() or slug(name),
        name=name,
        description=(row.get("description") or "").strip(),
        signals=_split(row.get("signals")),
        exclusions=_split(row.get("exclusions")),
        parent=(row.get("parent") or "").strip() or None,
    )


def write_codebook_csv(rules: list[ThemeRule], fileobj) -> None:
    """CSV through the neutralising writer: a theme named ``=HYPERLINK(...)``
    opens as text (read back, ``restore`` drops the apostrophe)."""
    writer = csv_writer(fileobj)
    writer.writerow(CSV_COLUMNS)
    for r in rules:
        writer.writerow(
            [
                r.key,
                r.name,
                r.description,
                "; ".join(r.signals),
                "; ".join(r.exclusions),
                r.parent or "",
            ]
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
        raise CodebookError(
            _("This is not a readable REFI-QDA codebook: %(error)s") % {"error": exc}
        ) from exc
    if not root.tag.endswith("CodeBook"):
        raise CodebookError(
            _("This XML file is not a REFI-QDA codebook (no CodeBook).")
        )
    ns = {"q": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
    prefix = "q:" if ns else ""
    codes = root.find(f"{prefix}Codes", ns)
    if codes is None:
        raise CodebookError(_("The codebook has no Codes element."))
    rules: list[ThemeRule] = []
    # Depth first without recursion: a deep file meets a clear limit, not
    # Python's recursion limit. Reversed, so that siblings keep their order.
    stack = [(code, None, 1) for code in reversed(codes.findall(f"{prefix}Code", ns))]
    while stack:
        code, parent_key, depth = stack.pop()
        if depth > MAX_QDC_DEPTH:
            raise CodebookError(
                _(
                    "The codes nest more than %(most)s levels deep; "
                    "a codebook this platform reads nests fewer."
                )
                % {"most": MAX_QDC_DEPTH}
            )
        name = code.get("name", "").strip()
        description = code.findtext(f"{prefix}Description", "", ns)
        rule = _parse_description(name, description, parent_key)
        check_rule(
            rule,
            _("Code %(number)s (“%(name)s”)")
            % {"number": len(rules) + 1, "name": name[:40]},
        )
        rules.append(rule)
        children = code.findall(f"{prefix}Code", ns)
        stack.extend((child, rule.key, depth + 1) for child in reversed(children))
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
