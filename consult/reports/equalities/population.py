"""Importing the area's population profile from a CSV in ONS 2021 categories.

The file has three columns, ``characteristic``, ``category`` and ``count``:
one row per category (``ethnicity``, ``White: Irish``, ``1500``). Every
problem is reported with its row and column, all at once, so that a council
can fix the file in one go; nothing is saved unless the whole file is right.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .characteristics import FIELDS, NAMES, categories
from .models import PopulationFigure, PopulationProfile

COLUMNS = ("characteristic", "category", "count")
MAX_ERRORS = 20
ILLUSTRATIVE_CSV = Path(__file__).with_name("illustrative_population.csv")


class ProfileFileError(ValueError):
    """The file cannot be imported; ``errors`` says why, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Row:
    field: str
    category: str
    count: int


def _field(value: str) -> str | None:
    value = value.strip()
    by_name = {name.lower(): key for key, name in NAMES.items()}
    return value if value in FIELDS else by_name.get(value.lower())


def _count(value: str) -> int | None:
    cleaned = value.strip().replace(",", "").replace(" ", "")
    return int(cleaned) if cleaned.isdigit() else None


def read_profile_csv(data: bytes) -> list[Row]:
    """The rows of a population CSV, or ``ProfileFileError`` listing every
    problem (row numbers as a spreadsheet shows them, the header being row 1)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileFileError(
            [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ProfileFileError(
            [
                _(
                    "The first row must name the columns characteristic, category "
                    "and count. Missing: %(columns)s."
                )
                % {"columns": ", ".join(missing)}
            ]
        )
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(reader, start=2):
        row, problems = _check_row(number, raw, seen)
        errors.extend(problems)
        if row:
            rows.append(row)
    if not rows and not errors:
        errors.append(_("The file has no rows of figures under its header."))
    if errors:
        extra = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS]
        if extra > 0:
            shown.append(
                ngettext(
                    "… and %(count)s more problem.",
                    "… and %(count)s more problems.",
                    extra,
                )
                % {"count": extra}
            )
        raise ProfileFileError(shown)
    return rows


def _check_row(number: int, raw: dict, seen: dict) -> tuple[Row | None, list[str]]:
    given = {c: (raw.get(c) or "").strip() for c in COLUMNS}
    if not any(given.values()):
        return None, []  # a blank line
    field = _field(given["characteristic"])
    if field is None:
        return None, [
            _(
                "Row %(row)s, column “characteristic”: “%(value)s” is not one of "
                "%(allowed)s."
            )
            % {
                "row": number,
                "value": given["characteristic"],
                "allowed": ", ".join(FIELDS),
            }
        ]
    problems = []
    category = given["category"]
    if category not in categories(field):
        problems.append(
            _(
                "Row %(row)s, column “category”: “%(value)s” is not an ONS 2021 "
                "category for %(characteristic)s. Use one of: %(allowed)s."
            )
            % {
                "row": number,
                "value": category,
                "characteristic": NAMES[field],
                "allowed": "; ".join(categories(field)),
            }
        )
    count = _count(given["count"])
    if count is None:
        problems.append(
            _(
                "Row %(row)s, column “count”: “%(value)s” is not a whole "
                "number of people."
            )
            % {"row": number, "value": given["count"]}
        )
    key = (field, category)
    if not problems and key in seen:
        problems.append(
            _(
                "Row %(row)s: %(characteristic)s “%(value)s” is already given in "
                "row %(first)s."
            )
            % {
                "row": number,
                "characteristic": NAMES[field],
                "value": category,
                "first": seen[key],
            }
        )
    seen.setdefault(key, number)
    return (None if problems else Row(field, category, count)), problems


@transaction.atomic
def import_population_profile(
    *, name: str, data: bytes, source: str = "", user=None, illustrative=False
) -> PopulationProfile:
    """A new profile from a CSV; it becomes the one reports compare with.

    Not idempotent by design: each import is kept, the latest is used, and an
    earlier one stays as the record of what was compared before. Raises
    ``ProfileFileError`` (saving nothing) when any row is wrong.
    """
    rows = read_profile_csv(data)
    profile = PopulationProfile.objects.create(
        name=name, source=source, imported_by=user, is_illustrative=illustrative
    )
    PopulationFigure.objects.bulk_create(
        PopulationFigure(
            profile=profile, field=r.field, category=r.category, count=r.count
        )
        for r in rows
    )
    return profile


def current_profile() -> PopulationProfile | None:
    """The profile reports compare with: the latest imported."""
    return PopulationProfile.objects.prefetch_related("figures").first()


def install_illustrative_profile(*, user=None) -> PopulationProfile:
    """The demo's profile: made-up figures shaped like an English district,
    marked illustrative. Idempotent: an existing illustrative profile is kept."""
    existing = PopulationProfile.objects.filter(is_illustrative=True).first()
    if existing:
        return existing
    return import_population_profile(
        name="Illustrative population profile (not real figures)",
        source="Made up for the demo, in ONS Census 2021 categories",
        data=ILLUSTRATIVE_CSV.read_bytes(),
        user=user,
        illustrative=True,
    )
