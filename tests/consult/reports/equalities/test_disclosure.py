"""Disclosure control: small figures hidden, and none recoverable from the rest.

The oracle here is independent of the module's own audit: it enumerates every
table a reader could believe in, given what is published, and checks that each
hidden figure can take more than one value among them. Its search is capped
(values up to ``CAP``), which can only make it find fewer alternatives, so a
pass is sound.
"""

import itertools

import numpy as np
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from consult.reports.equalities.disclosure import (
    NOT_SHOWN,
    SMALL,
    WITHHELD,
    Figure,
    Sums,
    protect,
    protect_counts,
    protect_cross_table,
    recoverable,
    threshold,
    two_way_sums,
)

LIMIT = 3


def _label_bounds(figure, grand):
    if figure.hidden == SMALL:
        return 0, LIMIT - 1
    if figure.hidden == WITHHELD:
        return LIMIT, grand
    if figure.hidden == NOT_SHOWN:
        return 0, grand
    return figure.value, figure.value


def one_way_alternatives(figures, total) -> dict[int, set[int]]:
    """Brute force: every split of the public total among the hidden counts."""
    hidden = [i for i, f in enumerate(figures) if f.hidden]
    rest = total - sum(f.value for f in figures if not f.hidden)
    seen = {i: set() for i in hidden}
    spans = [
        range(
            _label_bounds(figures[i], total)[0],
            min(_label_bounds(figures[i], total)[1], rest) + 1,
        )
        for i in hidden
    ]
    for combo in itertools.product(*spans):
        if sum(combo) == rest:
            for i, v in zip(hidden, combo, strict=True):
                seen[i].add(v)
    return seen


def cross_table_ranges(counts, figures, public_columns) -> dict[int, tuple]:
    """Independent of the module: over the cells only, each hidden figure's
    least and greatest value, totals entering as bounds on sums of cells.
    Cross-tables have integer vertices, so these are whole-number ranges."""
    rows, cols = len(counts), len(counts[0])
    grand = sum(map(sum, counts))
    n = rows * cols
    a_eq, b_eq, a_ub, b_ub = [], [], [], []

    def constrain(indices, figure):
        vector = np.zeros(n)
        vector[list(indices)] = 1
        low, high = _label_bounds(figure, grand)
        if low == high:
            a_eq.append(vector), b_eq.append(low)
        else:
            a_ub.extend([vector, -vector]), b_ub.extend([high, -low])

    cell = {}
    for i in range(rows):
        for j in range(cols):
            cell[i * cols + j] = figures[i * cols + j]
    for i in range(rows):
        constrain([i * cols + j for j in range(cols)], figures[n + i])
    for j in range(cols):
        constrain([i * cols + j for i in range(rows)], figures[n + rows + j])
    constrain(range(n), figures[-1])
    bounds = [_label_bounds(cell[k], grand) for k in range(n)]
    # A hidden total's range: the range of the sum of its cells.
    targets = {k: [k] for k in range(n)}
    targets |= {n + i: [i * cols + j for j in range(cols)] for i in range(rows)}
    targets |= {n + rows + j: [i * cols + j for i in range(rows)] for j in range(cols)}
    ranges = {}
    for entry, members in targets.items():
        if not figures[entry].hidden:
            continue
        c = np.zeros(n)
        c[members] = 1
        kwargs = {
            "A_eq": np.array(a_eq) if a_eq else None,
            "b_eq": b_eq or None,
            "A_ub": np.array(a_ub) if a_ub else None,
            "b_ub": b_ub or None,
            "bounds": bounds,
            "method": "highs",
        }
        low = linprog(c, **kwargs).fun
        high = -linprog(-c, **kwargs).fun
        ranges[entry] = (round(low), round(high))
    return ranges


def test_threshold_is_a_setting_defaulting_to_ten():
    assert threshold() == 10
    with override_settings(EQUALITIES_DISCLOSURE_THRESHOLD=5):
        assert threshold() == 5
        assert str(protect_counts([4, 20, 30]).figures[0]) == "fewer than 5"


def test_small_counts_show_fewer_than_ten():
    shown = protect_counts([25, 3, 40, 12]).figures
    assert [str(f) for f in shown] == ["25", "fewer than 10", "40", "withheld"]


def test_a_total_minus_the_shown_figures_would_give_the_small_one_away():
    # Naively: 80 - 25 - 40 - 12 = 3. So the next smallest is withheld too.
    table = Sums([25, 3, 40, 12, 80], [((0, 1, 2, 3), 4)], public={4})
    naive = [f if i != 3 else Figure(12, "", 10) for i, f in enumerate(protect(table))]
    assert recoverable(table, naive) == {1: 3}
    assert recoverable(table, protect(table)) == {}


def test_two_hidden_zeros_are_still_recoverable_so_a_third_is_hidden():
    # 0 and 0 hidden, but 37 - 25 - 12 = 0 means both are 0.
    shown = protect_counts([25, 0, 0, 12]).figures
    assert [f.hidden for f in shown] == ["", SMALL, SMALL, WITHHELD]


def test_cross_table_rows_and_columns_each_protected():
    table = protect_cross_table([[30, 4, 20], [12, 15, 11], [40, 22, 18]])
    hidden = [[f.hidden for f in row] for row in table.cells]
    assert hidden[0][1] == SMALL
    # The row of the 4 and its column each lose another figure.
    assert sum(bool(h) for h in hidden[0]) >= 2
    assert sum(bool(row[1]) for row in hidden) >= 2
    sums, *_ = two_way_sums([[30, 4, 20], [12, 15, 11], [40, 22, 18]])
    figures = [f for row in table.cells for f in row]
    figures += [*table.row_totals, *table.column_totals]
    figures.append(Figure(table.total, "", 10))
    assert recoverable(sums, figures) == {}


def test_a_small_group_has_its_total_hidden_and_cannot_be_rebuilt():
    counts = [[30, 20], [2, 1], [25, 31]]
    table = protect_cross_table(counts)
    assert table.row_totals[1].hidden == SMALL
    assert all(f.hidden for f in table.cells[1])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 12), min_size=2, max_size=6))
def test_one_way_nothing_hidden_is_recoverable(counts):
    total = sum(counts)
    shown = protect_counts(counts, limit=LIMIT).figures
    assert all(
        f.hidden in (SMALL, NOT_SHOWN)
        for f, v in zip(shown, counts, strict=True)
        if v < LIMIT
    )
    for i, possible in one_way_alternatives(shown, total).items():
        assert counts[i] in possible
        if total >= LIMIT:  # below it, the public total alone tells all
            assert len(possible) > 1, f"{counts}: hidden {i} recoverable"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2, 4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 15), min_size=cols, max_size=cols),
            min_size=2,
            max_size=5,
        )
    ),
    st.booleans(),
)
def test_cross_table_nothing_hidden_is_recoverable(counts, public_columns):
    table, rows, cols = two_way_sums(counts, public_columns=public_columns)
    figures = protect(table, limit=LIMIT)
    for f, v in zip(figures, table.values, strict=True):
        assert not (v < LIMIT and f.hidden == WITHHELD)
        assert not (v >= LIMIT and f.hidden == SMALL)
        # Small figures are hidden, unless public anyway (here: known totals).
        assert f.hidden or v >= LIMIT or f is figures[-1] or public_columns
    ranges = cross_table_ranges(counts, figures, public_columns)
    column_totals = table.values[rows * cols + rows : -1]
    for entry, (low, high) in ranges.items():
        assert low <= table.values[entry] <= high
        # Only a public zero column can pin its cells: known whatever we show.
        pinned_by_public = public_columns and any(
            entry % cols == j and entry < rows * cols and column_totals[j] == 0
            for j in range(cols)
        )
        if sum(map(sum, counts)) >= LIMIT and not pinned_by_public:
            assert high > low, f"{counts}: hidden {entry} = {table.values[entry]}"
