"""The profile's labels, read beside every answer's total.

"withheld" tells a reader that a group holds at least the threshold (it would
say "fewer than 10" otherwise), and each answer's total is public (the themed
report shows it). With few responses the two corner a hidden group: 8 people,
all under 16, 4 of whom raised a theme, and the under-16 row withheld (so at
least 5) say that between 1 and 4 under-16s raised it. The comparison tables
cannot see this, as they hold the hidden groups as one aggregate row
(``linked.py``); so each subject is audited here with every hidden group
apart, its size bounded by its label. While something is given away, the
profile's hidden rows say "not shown", which bounds nothing: first the
withheld ones, then all; if even that is not enough, every row.
(Found by the independent check in the tests, with more generated examples.)
"""

from .audit import NOT_SHOWN, SMALL, UNPUBLISHED, WITHHELD, lp_findings
from .characteristics import categories
from .disclosure import Figure, Sums
from .linked import outcome_counts
from .profile import _under

NOT_SAID = object()  # the row of people who gave no category


def guard_labels(profile, checked, answers, ids, limit: int) -> bool:
    """Relabel ``profile``'s rows until no subject gives a count away.
    ``checked`` is ``[(subject, table or None)]``: each subject with its
    protected comparison table (``linked.SubjectTable``), whose shown cells
    the reader is taken to know. True when every row ended up hidden, so
    that no comparison may be made on it."""
    for relabel in ((WITHHELD,), (WITHHELD, SMALL), None):
        if not any(_leaks(profile, s, t, answers, ids, limit) for s, t in checked):
            return relabel is None
        for row in profile.rows:
            if relabel is None or row.figure.hidden in relabel:
                row.figure = Figure(row.figure.value, NOT_SHOWN, limit)
                row.share = None
                row.under = _under(row.figure, profile.answered, row.population)
    return True


def _leaks(profile, subject, table, answers, ids, limit) -> bool:
    cats = set(categories(profile.field))
    counts, totals, columns = outcome_counts(subject, answers, ids, cats, NOT_SAID)
    shown = {}
    if table is not None:
        rows = [r.category for r in profile.rows if r.figure.shown and r.figure.value]
        for i, group in enumerate(rows):
            for j, column in enumerate(table.columns):
                shown[group, column] = table.cells[i][j]

    values, figures, sums, exempt = [], [], [], set()

    def add(value, figure=None, *, is_exempt=False) -> int:
        values.append(value)
        figures.append(figure or Figure(value, UNPUBLISHED, limit))
        if is_exempt:
            exempt.add(len(values) - 1)
        return len(values) - 1

    sizes = [add(r.figure.value, r.figure) for r in profile.rows]
    not_given = add(profile.not_given.value, profile.not_given, is_exempt=True)
    answered = add(profile.answered.value, profile.answered)
    total = add(profile.total, Figure(profile.total, "", limit))
    sums += [(tuple(sizes), answered), ((answered, not_given), total)]
    cells = {}
    for row, size in zip(profile.rows, sizes, strict=True):
        parts = tuple(
            add(counts[row.category][o], shown.get((row.category, o))) for o in columns
        )
        for o, p in zip(columns, parts, strict=True):
            cells.setdefault(o, []).append(p)
        sums.append((parts, size))
    said_not = tuple(add(counts[NOT_SAID][o], is_exempt=True) for o in columns)
    sums.append((said_not, not_given))
    for o, p in zip(columns, said_not, strict=True):
        column_total = add(totals[o], Figure(totals[o], "", limit))
        sums.append(((*cells.get(o, []), p), column_total))
    return bool(lp_findings(Sums(values, sums, exempt=exempt), figures, limit))
