"""The report as a workbook (openpyxl) and as a PDF (WeasyPrint).

Both take the same ``Report`` the page shows, so their figures agree with it,
and both pass every count through ``suppression``: no figure about fewer than
the threshold appears in them either.
"""

import io
import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.sheets import xlsx_append

from .filters import ROUND_KINDS
from .suppression import disclose, share, shown

SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def _count(n):
    """A number for a cell: the count itself, or the words for a small one."""
    return n if shown(n) is not None else disclose(n)


def _share(n, total):
    value = share(n, total)
    return "" if value is None else value


def _sheet_name(text: str, used: set) -> str:
    name = SHEET_NAME_BAD.sub(" ", text)[:28].strip() or "Sheet"
    candidate, i = name, 2
    while candidate.lower() in used:
        candidate, i = f"{name[:25]} {i}", i + 1
    used.add(candidate.lower())
    return candidate


def _append(sheet, row):
    xlsx_append(sheet, row)


def workbook_bytes(report) -> bytes:
    """Summary, one sheet per closed question, themes, quotes, round comparison."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set = set()
    summary = book.create_sheet(_sheet_name("Summary", used))
    _append(summary, [_("Consultation"), report.consultation.title])
    _append(summary, [_("Figures as at"), _when(report)])
    _append(summary, [_("Filters"), report.filters.query() or _("none")])
    _append(summary, [_("Responses"), _count(report.total)])
    for heading, rows in (
        (_("By round"), report.by_round),
        (_("By channel"), report.by_channel),
        (_("By respondent type"), report.by_type),
        (_("By service"), report.by_service),
        (_("By day"), report.by_day),
        (_("By language and version"), report.by_version),
    ):
        _append(summary, [])
        _append(summary, [heading, _("Responses"), _("Share (%)")])
        for label, n in rows:
            _append(summary, [str(label), _count(n), _share(n, report.total)])
    for number, q in enumerate(report.questions, start=1):
        sheet = book.create_sheet(_sheet_name(f"Q{number} {q.question.label}", used))
        _append(sheet, [q.question.label])
        _append(sheet, [q.round_label, _("Answered"), _count(q.answered)])
        if q.is_ranking:
            _append(sheet, [_("Option"), _("Average position"), _("Ranked first")])
            for option, mean, firsts in q.ranks:
                _append(sheet, [option, "" if mean is None else mean, _count(firsts)])
        else:
            _append(
                sheet, [_("Option"), _("Responses"), _("Share of those answering (%)")]
            )
            for option, n in q.rows:
                _append(sheet, [option, _count(n), _share(n, q.answered)])
    themes = book.create_sheet(_sheet_name("Themes", used))
    _append(
        themes,
        [
            _("Theme"),
            _("Responses raising it"),
            _("Share (%)"),
            _("Negative"),
            _("Neutral"),
            _("Positive"),
        ],
    )
    for t in report.themes:
        _append(
            themes,
            [t.name, _count(t.count), _share(t.count, t.total)]
            + [_count(t.sentiment[s]) for s in ("negative", "neutral", "positive")],
        )
    quotes = book.create_sheet(_sheet_name("Quotes", used))
    _append(quotes, [_("Theme"), _("Kind"), _("Quote (contact details removed)")])
    for t in report.themes:
        for point in t.key_points:
            _append(quotes, [t.name, _("Key point"), point])
        for quote in t.quotes:
            _append(quotes, [t.name, _("Quote"), quote])
    comparison = book.create_sheet(_sheet_name("Round comparison", used))
    channels = list(report.channels)
    _append(
        comparison,
        [_("Theme"), _("Measure"), *[report.channels[c] for c in channels], _("All")],
    )
    for row in report.comparison:
        main = _("%(round)s: responses raising it") % {"round": ROUND_KINDS["main"]}
        lines = [(main, row.main)]
        lines += [
            (_("Review: %(option)s") % {"option": o}, row.checks.get(o, {}))
            for o in report.check_options
        ]
        for label, split in lines:
            _append(
                comparison,
                [row.name, label]
                + [_count(split.get(c, 0)) for c in channels]
                + [_count(sum(split.values()))],
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _when(report) -> str:
    built = report.state.built_at or timezone.now()
    return timezone.localtime(built).strftime("%-d %B %Y at %H:%M")


def pdf_bytes(report, *, request=None) -> bytes:
    """The whole report, A4, with contents and page numbers (WeasyPrint)."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reports/report_pdf.html",
        {
            "consultation": report.consultation,
            "report": report,
            "figures_at": _when(report),
            "for_pdf": True,
        },
        request=request,
    )
    stylesheet = CSS(filename=finders.find("reports/report_pdf.css"))
    return HTML(string=html, base_url=str(finders.find("reports"))).write_pdf(
        stylesheets=[stylesheet]
    )
