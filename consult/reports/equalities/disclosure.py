"""Disclosure control: small numbers hidden, and nothing hidden can be worked out.

Primary suppression hides every figure about fewer people than the threshold
("fewer than 10"). That alone is not enough: a total minus the figures shown
gives back a single hidden figure, and several totals together can pin down
more. Secondary suppression therefore hides further figures ("withheld") until
the audit (``audit.py``) finds that nothing hidden is given away by what is
published: no hidden figure about a group is known exactly or known to lie
between 1 and threshold-1, and no sum of hidden figures is known to be small.

A table is a list of entries (cells and totals) and sums: each sum says some
entries add up to another. Tables published side by side on one page share
entries (the same group's count in the profile and in every comparison), so
``linked.py`` builds them as one system before they are protected.
If even with everything hidden the labels give a figure away (a table barely
over the threshold), every figure shows "not shown", which bounds nothing.
"""

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from .audit import (
    NOT_SHOWN,
    SMALL,
    UNPUBLISHED,
    WITHHELD,
    Finding,
    label_bounds,
    line_findings,
    lp_findings,
)

__all__ = ["NOT_SHOWN", "SMALL", "UNPUBLISHED", "WITHHELD"]


def threshold() -> int:
    """The smallest number of people a published figure may be about."""
    return int(getattr(settings, "EQUALITIES_DISCLOSURE_THRESHOLD", 10))


@dataclass(frozen=True)
class Figure:
    """One published figure: the number, or why it is hidden."""

    value: int | None
    hidden: str = ""  # "", SMALL, WITHHELD, NOT_SHOWN or UNPUBLISHED
    limit: int = 10

    @property
    def shown(self) -> bool:
        return not self.hidden

    def __str__(self):
        if self.hidden == SMALL:
            return _("fewer than %(threshold)s") % {"threshold": self.limit}
        if self.hidden == WITHHELD:
            return _("withheld")
        if self.hidden:
            return _("not shown")
        return str(self.value)


@dataclass
class Sums:
    """Entries and the sums that tie them: ``(parts, total)`` index tuples.

    ``public`` entries are known anyway (the number of responses, say) and are
    never hidden, whatever their size. ``exempt`` entries are about no group
    (people who did not answer) so they are not hidden for being small, only
    when hiding them protects another figure. ``aggregates`` are never
    published: counts over several groups at once (everyone in a hidden group
    or who did not say), which may be worked out, but not as 0 nor as small.
    """

    values: list[int]
    sums: list[tuple[tuple[int, ...], int]]
    public: set[int] = field(default_factory=set)
    exempt: set[int] = field(default_factory=set)
    aggregates: set[int] = field(default_factory=set)


def protect(table: Sums, *, limit: int | None = None) -> list[Figure]:
    """The figures to publish for ``table``: primary, then secondary suppression
    to a fixed point. Deterministic: the same table always hides the same cells."""
    limit = threshold() if limit is None else limit
    values = table.values
    fixed = table.public | table.exempt | table.aggregates
    hidden = dict.fromkeys(table.aggregates, UNPUBLISHED)
    hidden |= {i: SMALL for i, v in enumerate(values) if v < limit and i not in fixed}
    while True:
        figures = [Figure(v, hidden.get(i, ""), limit) for i, v in enumerate(values)]
        findings = line_findings(table, figures, limit)
        if not findings:
            findings = lp_findings(table, figures, limit)
        if not findings:
            return figures
        extra = _to_hide(table, hidden, findings)
        if extra is None:
            # Everything that may be hidden is, and the labels' bounds still
            # give something away: hide all, saying nothing.
            return [
                f if i in table.public or f.hidden == UNPUBLISHED
                else Figure(f.value, NOT_SHOWN, limit)
                for i, f in enumerate(figures)
            ]  # fmt: skip
        hidden[extra] = SMALL if values[extra] < limit else WITHHELD


def _to_hide(table: Sums, hidden, findings: list[Finding]) -> int | None:
    """The next figure to hide for the first finding: for a sum, one of its
    shown parts (preferring one in another troubled sum, then the smallest),
    else its total; for an entry, the smallest shown figure in a sum with it;
    else the smallest shown figure anywhere."""

    def hideable(entries):
        return [e for e in entries if e not in hidden and e not in table.public]

    def smallest(entries, key=lambda e: 0):
        return min(entries, key=lambda e: (key(e), table.values[e], e), default=None)

    first = findings[0]
    if first.line is not None:
        parts, total = table.sums[first.line]
        troubled = [table.sums[f.line] for f in findings if f.line is not None]
        pick = smallest(
            hideable(parts),
            key=lambda e: -sum(e in (*p, t) for p, t in troubled),
        )
        if pick is not None:
            return pick
        if total not in hidden and total not in table.public:
            return total
        near = [e for p in parts if p in hidden for e in _neighbours(table, p)]
    else:
        near = _neighbours(table, first.entry)
    pick = smallest(hideable(near))
    if pick is None:
        pick = smallest(hideable(range(len(table.values))))
    return pick


def _neighbours(table: Sums, entry: int) -> list[int]:
    return [
        e for parts, total in table.sums if entry in (*parts, total)
        for e in (*parts, total)
    ]  # fmt: skip


def recoverable(table: Sums, figures: list[Figure]) -> dict[int, int]:
    """Hidden entries about a group whose value follows exactly from what is
    published, with it (the reader's view: shown values, sums, labels)."""
    from scipy.optimize import linprog

    limit = figures[0].limit if figures else threshold()
    hidden = [i for i, f in enumerate(figures) if f.hidden]
    if not hidden:
        return {}
    column = {entry: k for k, entry in enumerate(hidden)}
    rows, rhs = [], []
    for parts, total in table.sums:
        row = np.zeros(len(hidden))
        known = 0
        for entry, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if entry in column:
                row[column[entry]] += sign
            else:
                known -= sign * figures[entry].value
        if row.any():
            rows.append(row)
            rhs.append(known)
    kwargs = {
        "A_eq": np.array(rows) if rows else None,
        "b_eq": np.array(rhs) if rows else None,
        "bounds": [label_bounds(figures[i].hidden, limit) for i in hidden],
        "method": "highs",
    }
    found = {}
    for k, entry in enumerate(hidden):
        if entry in table.exempt or entry in table.aggregates:
            continue
        cost = np.zeros(len(hidden))
        cost[k] = 1
        low = linprog(cost, **kwargs)
        high = linprog(-cost, **kwargs)
        if low.status == 0 and high.status == 0 and round(low.fun) == round(-high.fun):
            found[entry] = table.values[entry]
    return found


# --- Tables as the pages show them -------------------------------------------


@dataclass
class OneWay:
    """Counts of one question's answers, and their total (public: the number
    of responses is shown elsewhere)."""

    figures: list[Figure]
    total: int


def protect_counts(counts: list[int], *, limit: int | None = None) -> OneWay:
    n = len(counts)
    table = Sums([*counts, sum(counts)], [(tuple(range(n)), n)], public={n})
    figures = protect(table, limit=limit)
    return OneWay(figures[:n], sum(counts))


@dataclass
class TwoWay:
    """A cross-table (groups by answers) with its row, column and grand totals."""

    cells: list[list[Figure]]
    row_totals: list[Figure]
    column_totals: list[Figure]
    total: int


def two_way_sums(
    counts: list[list[int]], *, public_columns: bool = True
) -> tuple[Sums, int, int]:
    """The cross-table as entries and sums: cells row by row, then row totals,
    column totals and the grand total. Column totals (how many gave each
    answer) are public when another report shows them."""
    rows, cols = len(counts), len(counts[0]) if counts else 0
    cells = [v for row in counts for v in row]
    row_totals = [sum(row) for row in counts]
    column_totals = [sum(row[j] for row in counts) for j in range(cols)]
    values = [*cells, *row_totals, *column_totals, sum(row_totals)]
    r0, c0, grand = rows * cols, rows * cols + rows, len(values) - 1
    sums = [(tuple(i * cols + j for j in range(cols)), r0 + i) for i in range(rows)] + [
        (tuple(i * cols + j for i in range(rows)), c0 + j) for j in range(cols)
    ]
    sums += [(tuple(range(r0, r0 + rows)), grand), (tuple(range(c0, c0 + cols)), grand)]
    public = {grand} | (set(range(c0, c0 + cols)) if public_columns else set())
    return Sums(values, sums, public), rows, cols


def protect_cross_table(
    counts: list[list[int]], *, public_columns: bool = True, limit: int | None = None
) -> TwoWay:
    table, rows, cols = two_way_sums(counts, public_columns=public_columns)
    figures = protect(table, limit=limit)
    r0, c0 = rows * cols, rows * cols + rows
    return TwoWay(
        cells=[figures[i * cols : (i + 1) * cols] for i in range(rows)],
        row_totals=figures[r0:c0],
        column_totals=figures[c0 : c0 + cols],
        total=table.values[-1],
    )
