"""An independent check of everything the equality evidence publishes about
one characteristic, taken together.

It knows nothing of ``linked.py`` or the audit. From the raw data it builds
one linear programme over every table at once: each group's size (every
category separately, hidden or not, and the people who did not say) and, for
every subject, each group's count per answer (with "no answer"). The reader
knows the number of responses, every answer's total (the themed report shows
them), the profile as published (shown figures exactly, labels as bounds) and
every comparison as published (the group's count and size, everyone else's).
Then, for every hidden figure and every count that is not published, its least
and greatest possible value. A second, purely arithmetic check takes every
published figure as the set of people it counts and looks at every pair where
one set holds the other: the people in one and not the other must be none or
at least the threshold.
"""

import itertools

import numpy as np
from scipy.optimize import linprog

NOT_SAID = None


def _outcome(person, subject):
    return person["answers"].get(subject) or "no answer"


def published_sets(people, field, profile, comparisons):
    """Each published figure as (name, its definition, is_exempt): the
    definition is the field's values it counts and the answer it counts, if
    any; the people it counts follow from that (``members``)."""
    cats = frozenset(r.category for r in profile.rows)
    every = cats | {""}
    found = [("total", (every, None), False)]
    if profile.answered.shown:
        found.append(("answered", (cats, None), False))
    if profile.not_given.shown:
        found.append(("not given", (frozenset({""}), None), True))
    for row in profile.rows:
        if row.figure.shown:
            found.append((row.category, (frozenset({row.category}), None), False))
    for c in comparisons:
        if c.field != field:
            continue
        gave = (c.subject, c.outcome)
        group, others = frozenset({c.category}), every - {c.category}
        sets = {
            "group": (group, None),
            "group gave": (group, gave),
            "others": (others, None),
            "others gave": (others, gave),
        }
        count = {k: len(members(people, field, d)) for k, d in sets.items()}
        assert (count["group gave"], count["group"]) == tuple(c.group)
        assert (count["others gave"], count["others"]) == tuple(c.others)
        found += [(f"{c.category}/{c.subject}/{c.outcome}/{k}", d, False)
                  for k, d in sets.items()]  # fmt: skip
    return found


def members(people, field, definition):
    """The people a definition counts ("" is the value of people who did not
    say)."""
    values, gave = definition
    return frozenset(
        i for i, p in enumerate(people)
        if p[field] in values and (gave is None or _outcome(p, gave[0]) == gave[1])
    )  # fmt: skip


def differences_of_published(people, field, sets, limit):
    """Pairs of published figures, one counting a part of the other's people
    by definition, whose difference is 1 to limit-1 people (and is not itself
    a published figure, nor about no group)."""
    published = {d for _, d, _ in sets}
    exempt = {d for _, d, e in sets if e}
    bad = []
    for (name_a, a, _), (name_b, b, _) in itertools.permutations(sets, 2):
        inside = b[0] <= a[0] and (a[1] is None or a[1] == b[1]) and a != b
        if not inside:
            continue
        rest = len(members(people, field, a)) - len(members(people, field, b))
        same = (a[0] - b[0], a[1]) if b[1] == a[1] else None
        if 0 < rest < limit and same not in published | exempt:
            bad.append((name_a, name_b, rest))
    return bad


def ranges(people, field, categories, subjects, profile, comparisons, limit):
    """Least and greatest values of every group size and every group-by-answer
    count, for the categories (not for people who did not say)."""
    n = len(people)
    rows = [*categories, NOT_SAID]

    def category_of(p):
        return p[field] if p[field] in categories else NOT_SAID

    columns = {}
    for s in subjects:
        totals = {}
        for p in people:
            totals[_outcome(p, s)] = totals.get(_outcome(p, s), 0) + 1
        columns[s] = sorted(totals.items())
    index = {("size", g): k for k, g in enumerate(rows)}
    for s in subjects:
        for g in rows:
            for o, _ in columns[s]:
                index[("cell", s, g, o)] = len(index)
    truth = np.zeros(len(index))
    for p in people:
        g = category_of(p)
        truth[index[("size", g)]] += 1
        for s in subjects:
            truth[index[("cell", s, g, _outcome(p, s))]] += 1
    eq, eq_b, ub, ub_b = [], [], [], []

    def vector(keys):
        v = np.zeros(len(index))
        for key in keys:
            v[index[key]] += 1
        return v

    def known(keys, low, high):
        v = vector(keys)
        if low == high:
            eq.append(v), eq_b.append(low)
        else:
            ub.extend([v, -v]), ub_b.extend([high, -low])

    def bounds(figure):
        if figure.shown:
            return figure.value, figure.value
        if figure.hidden == "small":
            return 0, limit - 1
        if figure.hidden == "withheld":
            return limit, n
        return 0, n

    known([("size", g) for g in rows], n, n)
    for row in profile.rows:
        known([("size", row.category)], *bounds(row.figure))
    known([("size", g) for g in categories], *bounds(profile.answered))
    known([("size", NOT_SAID)], *bounds(profile.not_given))
    for s in subjects:
        for g in rows:
            keys = [("cell", s, g, o) for o, _ in columns[s]]
            eq.append(vector(keys) - vector([("size", g)])), eq_b.append(0)
        for o, total in columns[s]:
            known([("cell", s, g, o) for g in rows], total, total)
    published_cells = set()
    for c in comparisons:
        if c.field == field:
            known([("cell", c.subject, c.category, c.outcome)], *[c.group[0]] * 2)
            known([("size", c.category)], *[c.group[1]] * 2)
            published_cells.add(("cell", c.subject, c.category, c.outcome))
    kwargs = {
        "A_eq": np.array(eq),
        "b_eq": eq_b,
        "A_ub": np.array(ub) if ub else None,
        "b_ub": ub_b or None,
        "bounds": [(0, n)] * len(index),
        "method": "highs",
    }

    def span(keys):
        cost = vector(keys)
        low = linprog(cost, **kwargs)
        high = linprog(-cost, **kwargs)
        assert low.status == 0 and high.status == 0, (low.message, high.message)
        return round(low.fun), round(-high.fun)

    quantities = {}
    for row in profile.rows:
        if row.figure.hidden:
            quantities[("size", row.category)] = [("size", row.category)]
    if profile.answered.hidden:
        quantities[("answered",)] = [("size", g) for g in categories]
    for s in subjects:
        for g in categories:
            unpublished = [
                ("cell", s, g, o) for o, _ in columns[s]
                if ("cell", s, g, o) not in published_cells
            ]  # fmt: skip
            for key in unpublished:
                quantities[key] = [key]
            quantities[("row rest", s, g)] = unpublished
        for o, _ in columns[s]:
            rest = [
                ("cell", s, g, o) for g in categories
                if ("cell", s, g, o) not in published_cells
            ]  # fmt: skip
            # Everyone who gave any category is about no group in particular
            # (the number of responses, the answer totals and the people who
            # did not say already tell it); any fewer categories are.
            if len(rest) < len(categories):
                quantities[("column rest", s, o)] = rest
    found = {}
    for name, keys in quantities.items():
        if keys:
            found[name] = (span(keys), int(sum(truth[index[k]] for k in keys)))
    return found


def disclosures(found, limit, hidden_sizes):
    """Quantities a reader pins down too far: a small number (1 to limit-1,
    exactly or as a range), a hidden group's size exactly, or a count of
    people in a group that is known to be none."""
    bad = []
    for name, ((low, high), value) in found.items():
        assert low <= value <= high, (name, low, value, high)
        if 1 <= low and high <= limit - 1:
            bad.append((name, low, high))
        elif low == high == 0 and name[0] != "column rest" and name[0] != "row rest":
            bad.append((name, low, high))
        elif low == high and name in hidden_sizes:
            bad.append((name, low, high))
    return bad
