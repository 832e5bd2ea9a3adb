"""Reading a CSV of nominees into a row-by-row report: accepted, or refused and why.

Every row is checked with the same form as a single nomination, against the
database and against the rows above it. The import is all or nothing: the
caller imports only a file with no refused rows.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consult.sheets import csv_writer

from .forms import NomineeForm, taken_contacts
from .languages import split_language, with_note
from .models import Nomination

COLUMNS = (
    "name",
    "email",
    "mobile",
    "relationship",
    "preferred_language",
    "access_needs",
    "consent",
)
REQUIRED_COLUMNS = ("name", "email", "mobile", "relationship", "consent")
MAX_ROWS = 5000
TEMPLATE_ROWS = (
    COLUMNS,
    ("Alex Example", "alex@example.org", "", "Parent or carer", "English", "", "yes"),
    ("Sam Example", "", "07700 900123", "Young person", "Polish", "Easy read", "yes"),
)
YES = {"yes", "y", "true", "1", "agreed"}
RELATIONSHIPS = {
    **{value: value for value in Nomination.Relationship.values},
    **{str(label).lower(): value for value, label in Nomination.Relationship.choices},
    "parent": Nomination.Relationship.PARENT_CARER,
    "carer": Nomination.Relationship.PARENT_CARER,
}

# Where a form's wording would not fit a spreadsheet column, say it in column terms.
CSV_REASONS = {
    "consent_to_contact": [
        gettext_lazy(
            "Missing consent: the consent column must say yes, to record that they "
            "agreed to be contacted"
        )
    ],
    "relationship": [
        gettext_lazy(
            "The relationship must be parent or carer, young person, or professional"
        )
    ],
}


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    name: str
    contact: str
    reasons: list[str] = field(default_factory=list)
    details: dict | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    file_error: str = ""

    @property
    def accepted(self) -> list[Row]:
        return [r for r in self.rows if not r.reasons]

    @property
    def refused(self) -> list[Row]:
        return [r for r in self.rows if r.reasons]

    @property
    def can_import(self) -> bool:
        return not self.file_error and bool(self.rows) and not self.refused


def template_csv() -> str:
    out = io.StringIO()
    csv_writer(out).writerows(TEMPLATE_ROWS)
    return out.getvalue()


def check_file(upload, *, consultation) -> Report:
    """Check every row of an uploaded CSV; nothing is saved here."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return Report(file_error=_("The file must be saved as CSV UTF-8"))
    reader = csv.DictReader(io.StringIO(text))
    try:
        headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        return Report(file_error=_unreadable(1, exc))
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        return Report(
            file_error=_(
                "The file's first row must name the columns; missing: %(columns)s"
            )
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = headers
    report = Report()
    seen: dict[str, int] = {}
    taken = taken_contacts(consultation)
    number = 1
    try:
        for number, raw in enumerate(reader, start=2):  # noqa: B007 -- used below
            if number - 1 > MAX_ROWS:
                return Report(
                    file_error=_("The file has more than %(most)s rows")
                    % {"most": f"{MAX_ROWS:,}"}
                )
            values = {k: (v or "").strip() for k, v in raw.items() if k in COLUMNS}
            if not any(values.values()):
                continue  # a blank line, as spreadsheets leave at the end
            report.rows.append(_check_row(number, values, consultation, seen, taken))
    except csv.Error as exc:
        # csv refuses a cell over its field size limit (131,072 characters).
        return Report(file_error=_unreadable(number + 1, exc))
    if not report.rows:
        report.file_error = _("The file has no nominees in it")
    return report


def _unreadable(row: int, exc: csv.Error) -> str:
    return _(
        "Row %(row)s cannot be read (%(error)s). A cell may be far too long, or a "
        "quotation mark not closed"
    ) % {"row": row, "error": exc}


def _check_row(number: int, values: dict, consultation, seen: dict, taken) -> Row:
    relationship = values.get("relationship", "")
    # "Polish", "polski" or "pl" is Polish; a language the site does not speak
    # is kept in the access needs (the rule the 0005 migration applied).
    language, note = split_language(values.get("preferred_language", ""))
    data = {
        **values,
        "preferred_language": language,
        "access_needs": with_note(values.get("access_needs", ""), note),
        "relationship": RELATIONSHIPS.get(relationship.lower(), relationship),
        "consent_to_contact": "on" if values.get("consent", "").lower() in YES else "",
    }
    form = NomineeForm(data, consultation=consultation, taken=taken)
    row = Row(
        number=number,
        name=values.get("name", ""),
        contact=values.get("email") or values.get("mobile", ""),
    )
    if not form.is_valid():
        for name, errors in form.errors.items():
            row.reasons.extend(CSV_REASONS.get(name, errors))
        return row
    for key in ("email", "mobile"):
        value = form.cleaned_data[key]
        if value and value in seen:
            duplicate = (
                _("Duplicate: the same e-mail address as row %(row)s")
                if key == "email"
                else _("Duplicate: the same mobile number as row %(row)s")
            )
            row.reasons.append(duplicate % {"row": seen[value]})
    if not row.reasons:
        for key in ("email", "mobile"):
            if form.cleaned_data[key]:
                seen[form.cleaned_data[key]] = number
        row.details = form.nomination_details()
    return row
