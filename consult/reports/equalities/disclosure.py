"""Disclosure control: small numbers hidden, and nothing hidden can be worked out.

Primary suppression hides every figure about fewer people than the threshold
("fewer than 10"). That alone is not enough: a total minus the figures shown
gives back a single hidden figure, and several totals together can pin down
more. Secondary suppression therefore hides further figures ("withheld") until
an audit finds that no hidden figure is determined by what is published: the
figures shown, the totals, and what the labels say ("fewer than 10" means 0 to
9; "withheld" means at least the threshold).

A table is a list of entries (cells and totals) and sums: each sum says some
entries add up to another. The audit solves, for every hidden entry, the
smallest and largest value it can take given all of that (two small linear
programmes); a hidden entry whose range holds one whole number is recoverable,
and the smallest visible figure beside it is hidden too, until a fixed point.
If even then the labels give a figure away (every figure hidden, a table
barely over the threshold), every figure shows "not shown", which bounds nothing.
Tables of counts with their totals have integer vertices, so the linear
programme's range is the range of whole numbers.
"""

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from scipy.optimize import linprog

SMALL, WITHHELD, NOT_SHOWN = "small", "withheld", "not shown"


def threshold() -> int:
    """The smallest number of people a published figure may be about."""
    return int(getattr(settings, "EQUALITIES_DISCLOSURE_THRESHOLD", 10))


@dataclass(frozen=True)
class Figure:
    """One published figure: the number, or why it is hidden."""

    value: int | None
    hidden: str = ""  # "", SMALL or WITHHELD
    limit: int = 10

    @property
    def shown(self) -> bool:
        return not self.hidden

    def __str__(self):
        if self.hidden == SMALL:
            return f"fewer than {self.limit}"
        if self.hidden == WITHHELD:
            return "withheld"
        if self.hidden == NOT_SHOWN:
            return "not shown"
        return str(self.value)


@dataclass
class Sums:
    """Entries and the sums that tie them: ``(parts, total)`` index tuples.

    ``public`` entries are known anyway (the number of responses, say) and are
    never hidden, whatever their size. ``exempt`` entries are about no group
    (people who did not answer) so they are not hidden for being small, only
    when hiding them protects another figure.
    """

    values: list[int]
    sums: list[tuple[tuple[int, ...], int]]
    public: set[int] = field(default_factory=set)
    exempt: set[int] = field(default_factory=set)


def protect(table: Sums, *, limit: int | None = None) -> list[Figure]:
    """The figures to publish for ``table``: primary, then secondary suppression
    to a fixed point. Deterministic: the same table always hides the same cells."""
    limit = threshold() if limit is None else limit
    values = table.values
    hidden = {
        i: SMALL
        for i, v in enumerate(values)
        if v < limit and i not in table.public | table.exempt
    }
    still_pinned = False
    while True:
        extra = _lone_hidden(table, hidden)
        if extra is None:
            extra, still_pinned = _pinned_neighbour(table, hidden, limit)
        if extra is None:
            break
        hidden[extra] = SMALL if values[extra] < limit else WITHHELD
    figures = [Figure(v, hidden.get(i, ""), limit) for i, v in enumerate(values)]
    if still_pinned:
        # Everything is hidden and the labels' bounds still give a figure
        # away (a table barely above the threshold): hide all, saying nothing.
        figures = [
            f if i in table.public else Figure(f.value, NOT_SHOWN, limit)
            for i, f in enumerate(figures)
        ]
    return figures


def recoverable(table: Sums, figures: list[Figure]) -> dict[int, int]:
    """Hidden entries whose value follows from what is published, with it.

    The auditor's view: only shown values, the sums, and the labels' bounds.
    Used by ``protect`` and, independently, by the tests.
    """
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
    label_bounds = {SMALL: (0, limit - 1), WITHHELD: (limit, None)}
    bounds = [label_bounds.get(figures[i].hidden, (0, None)) for i in hidden]
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    reference = np.array([figures[i].value for i in hidden], dtype=float)
    n = len(hidden)

    def solve(cost):
        """The optimal vertex; None when unbounded (the entry is then free)."""
        result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if result.status == 3:
            return None
        if not result.success:  # cannot happen: the true table is feasible
            raise RuntimeError(f"disclosure audit failed: {result.message}")
        return result.x

    # Cheap first: push all the undecided entries up together, then down. An
    # entry that moves off its true value can take two values, so it is safe.
    unresolved = set(range(n))
    progress = True
    while unresolved and progress:
        progress = False
        for sign in (-1, 1):
            cost = np.zeros(n)
            cost[list(unresolved)] = sign
            x = solve(cost)
            moved = (
                set()
                if x is None
                else {k for k in unresolved if abs(x[k] - reference[k]) > 0.5}
            )
            unresolved -= moved
            progress = progress or bool(moved)
    found = {}
    for k in sorted(unresolved):
        cost = np.zeros(n)
        cost[k] = -1
        x = solve(cost)
        if x is None or x[k] > reference[k] + 0.5:
            continue
        cost[k] = 1
        x = solve(cost)
        if x is not None and x[k] < reference[k] - 0.5:
            continue
        found[hidden[k]] = int(reference[k])
    return found


def _hideable(table, hidden, entries):
    return [e for e in entries if e not in hidden and e not in table.public]


def _smallest(table, entries):
    # Ties go to the earlier entry, so that suppression is deterministic.
    return min(entries, key=lambda e: (table.values[e], e)) if entries else None


def _lone_hidden(table: Sums, hidden) -> int | None:
    """A sum with exactly one hidden entry gives it away: hide another of its
    parts (a total only when no part is left). Prefer a part that also sits in
    another such sum, closing both at once, then the smallest."""
    lone = [
        (*parts, total)
        for parts, total in table.sums
        if sum(e in hidden for e in (*parts, total)) == 1
    ]
    for line in lone:
        parts, total = line[:-1], line[-1]
        candidates = _hideable(table, hidden, parts)
        if candidates:
            return min(
                candidates,
                key=lambda e: (-sum(e in other for other in lone), table.values[e], e),
            )
        if total not in hidden and total not in table.public:
            return total
    return None


def _pinned_neighbour(table: Sums, hidden, limit) -> tuple[int | None, bool]:
    """Run the audit; for the first recoverable entry, the figure to hide next:
    the smallest visible one in a sum with it, else the smallest anywhere.
    Also whether anything is recoverable (with nothing left to hide)."""
    figures = [Figure(v, hidden.get(i, ""), limit) for i, v in enumerate(table.values)]
    pinned = recoverable(table, figures)
    if not pinned:
        return None, False
    entry = min(pinned)
    near = [
        e
        for parts, total in table.sums
        if entry in (*parts, total)
        for e in (*parts, total)
    ]
    pick = _smallest(table, _hideable(table, hidden, near))
    if pick is None:
        pick = _smallest(table, _hideable(table, hidden, range(len(table.values))))
    return pick, True


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
