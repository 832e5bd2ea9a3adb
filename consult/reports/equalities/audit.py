"""The disclosure audit: what a reader can work out from published figures.

The reader knows the figures shown, every sum that ties entries together, and
what the labels say ("fewer than 10" is 0 to 9, "withheld" at least 10). From
that, each hidden entry has a least and a greatest possible value (two small
linear programmes). The audit asks of each hidden entry about a group:

- is it pinned (one possible value)? Then it is as good as shown;
- does its range lie within 1 to threshold-1 ("between 3 and 7")? Then a
  small number has been worked out even if not exactly;

and of each sum with hidden parts: does what the hidden parts add up to lie
within 1 to threshold-1 ("these two small groups hold 4 people")? An
aggregate (never published, several groups at once, such as "everyone in a
hidden group or who did not say") may be known exactly, but not as 0 nor as
a small number. Exempt entries (about no group) need no protection.

Tables of counts with their totals have integer vertices, so the linear
programme's range is the range of whole numbers.
"""

from dataclasses import dataclass

import numpy as np

SMALL, WITHHELD, NOT_SHOWN = "small", "withheld", "not shown"
UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class Finding:
    """A disclosure: an entry, or the hidden parts of a sum (``line``)."""

    entry: int | None = None
    line: int | None = None


def label_bounds(hidden: str, limit: int) -> tuple[int, int | None]:
    return {SMALL: (0, limit - 1), WITHHELD: (limit, None)}.get(hidden, (0, None))


def line_findings(table, figures, limit) -> list[Finding]:
    """Sums whose hidden parts are worked out by arithmetic alone: a total
    shown beside shown parts leaves the hidden parts' sum known."""
    found = []
    for index, (parts, total) in enumerate(table.sums):
        hidden_parts = [p for p in parts if figures[p].hidden]
        shown_parts = [p for p in parts if not figures[p].hidden]
        shown_sum = sum(figures[p].value for p in shown_parts)
        if figures[total].hidden:
            if not hidden_parts and _pinned_matters(table, total, shown_sum, limit):
                found.append(Finding(entry=total))
            continue
        if not hidden_parts or (not shown_parts and total in table.public):
            continue  # nothing hidden, or the public total alone tells this much
        rest = figures[total].value - shown_sum
        if len(hidden_parts) == 1:
            if _pinned_matters(table, hidden_parts[0], rest, limit):
                found.append(Finding(line=index))
        elif any(_guarded(table, p) for p in hidden_parts) and 0 <= rest < limit:
            found.append(Finding(line=index))
    return found


def _guarded(table, entry) -> bool:
    return entry not in table.exempt


def _pinned_matters(table, entry, value, limit) -> bool:
    """An entry known exactly: a disclosure if it is about a group; for an
    aggregate of groups, only if it is 0 or small."""
    if entry in table.exempt:
        return False
    return entry not in table.aggregates or value < limit


def lp_findings(table, figures, limit) -> list[Finding]:
    """Hidden entries whose possible values give too much away (see above),
    by linear programming over everything published."""
    hidden = [i for i, f in enumerate(figures) if f.hidden]
    if not hidden:
        return []
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
    bounds = [label_bounds(figures[i].hidden, limit) for i in hidden]
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    truth = [table.values[i] for i in hidden]
    windows = _windows(table, figures, limit, column)

    def solve(cost):
        from scipy.optimize import linprog

        result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if result.status == 3:
            return None  # unbounded: some entry is free upwards
        if not result.success:  # cannot happen: the true table is feasible
            raise RuntimeError(f"disclosure audit failed: {result.message}")
        return np.round(result.x).astype(int)

    n = len(hidden)
    seen = [{v} for v in truth]
    unbounded = [False] * n

    def safe(k) -> bool:
        low, high = min(seen[k]), max(seen[k])
        if unbounded[k]:
            high = None
        if not _window_escaped(low, high, windows[k]):
            return False
        entry = hidden[k]
        if entry in table.aggregates:
            return high is None or high > 0
        return entry in table.exempt or high is None or high > low

    # Cheap first: push every undecided entry down together, then up; each
    # solution shows values the entries can take.
    open_ = {k for k in range(n) if not safe(k)}
    progress = True
    while open_ and progress:
        progress = False
        for sign in (1, -1):
            cost = np.zeros(n)
            cost[list(open_)] = sign
            x = solve(cost)
            if x is None:
                continue
            for k in open_:
                seen[k].add(int(x[k]))
            done = {k for k in open_ if safe(k)}
            open_ -= done
            progress = progress or bool(done)
    found = []
    for k in sorted(open_):
        for sign in (1, -1):
            cost = np.zeros(n)
            cost[k] = sign
            x = solve(cost)
            if x is None:
                unbounded[k] = True
            else:
                seen[k].add(int(x[k]))
        if not safe(k):
            found.append(Finding(entry=hidden[k]))
    return found


def _windows(table, figures, limit, column) -> list[list[tuple[int, int]]]:
    """Per hidden entry, the ranges its possible values must not fit inside:
    1 to limit-1 for an entry about a group or groups; for a hidden total of a
    sum with hidden parts about a group, the same for what those parts hold."""
    windows = [[] for _ in column]
    for entry, k in column.items():
        if entry not in table.exempt:
            windows[k].append((1, limit - 1))
    for parts, total in table.sums:
        if total not in column:
            continue
        hidden_parts = [p for p in parts if p in column]
        if not any(_guarded(table, p) for p in hidden_parts):
            continue
        shown = sum(figures[p].value for p in parts if p not in column)
        windows[column[total]].append((1 + shown, limit - 1 + shown))
    return windows


def _window_escaped(low, high, windows) -> bool:
    return all(low < a or high is None or high > b for a, b in windows)
