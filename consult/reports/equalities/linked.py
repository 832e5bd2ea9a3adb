"""Every table on the equality evidence page, protected as one linked set.

The profile counts everyone in a group; a comparison on a question or a theme
counts the same people again, split by what they answered. Protected one
table at a time, the two can be subtracted: a profile showing 23 disabled
respondents beside a question table whose disabled row adds up to 21 says
that 2 disabled people skipped the question, and a group withheld in the
profile could be read back from a comparison that shows it.

So each comparison table is built on the profile, not beside it:

- its rows are the groups whose profile figure is shown, each with exactly
  that figure as its total (people who gave no answer are a column of their
  own, never a hidden difference);
- everyone else (the groups hidden in the profile, and people who did not
  say) is one row that is never published, an aggregate;
- its column totals (how many gave each answer) are public, as the themed
  report shows them.

The profile's hidden figures then enter no comparison table: whatever they
are, any split of the aggregate row among them fits every table (a
transportation problem with free cells always has a solution), so each
comparison table can be audited on its own and the audit's findings hold for
the whole page. The tests check that against one linear programme over
every table at once.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from surveys.equalities import response_links
from surveys.models import EqualityMonitoring, Response

from .characteristics import FIELDS
from .disclosure import Figure, Sums, protect

NO_ANSWER = "no answer"


@dataclass
class People:
    """The main round's current responses, and each one's monitoring answers
    (joined in memory through the HMAC; nothing about a person leaves here)."""

    ids: list
    monitoring: dict  # response id -> {field: answer}

    @property
    def total(self) -> int:
        return len(self.ids)

    def answers(self, field: str) -> dict:
        return {pk: row.get(field, "") for pk, row in self.monitoring.items()}


def load_people(round_) -> People:
    if round_ is None:
        return People([], {})
    ids = list(
        Response.objects.filter(round=round_, withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    links = {link: pk for pk in ids for link in response_links(pk)}
    monitoring = {}
    for row in EqualityMonitoring.objects.filter(round=round_).values(
        "response_link", *FIELDS
    ):
        pk = links.get(row.pop("response_link"))
        if pk is not None:
            monitoring[pk] = row
    return People(ids, monitoring)


def outcome_counts(subject, answers, ids, rows, rest):
    """Each person's first answer to ``subject`` (NO_ANSWER if none or not one
    of its outcomes), counted by their category when it is in ``rows``, else
    under ``rest``; with the column totals and the columns that have people."""
    counts = defaultdict(Counter)
    for pk in ids:
        outcome = (subject.by_response.get(pk) or [NO_ANSWER])[0]
        if outcome not in subject.outcomes:
            outcome = NO_ANSWER
        category = answers.get(pk)
        counts[category if category in rows else rest][outcome] += 1
    totals = Counter()
    for row in counts.values():
        totals.update(row)
    columns = [o for o in (*subject.outcomes, NO_ANSWER) if totals[o]]
    return counts, totals, columns


@dataclass
class SubjectTable:
    """A protected comparison table: ``cells[i][j]`` is shown group ``i``'s
    figure for column ``j``; the column totals and the number of responses
    are public."""

    columns: list[str]
    cells: list[list[Figure]]
    column_totals: list[int]
    total: int


def protect_subject(
    *,
    rows: list[list[int]],
    pool: list[int],
    columns: list[str],
    pool_exempt: bool,
    limit: int | None = None,
) -> SubjectTable:
    """Protect shown groups' counts by column, beside the aggregate row
    (``pool``) of everyone else. Row totals are the groups' published profile
    figures; column totals and the grand total are public."""
    r, c = len(rows), len(columns)
    cells = [v for row in rows for v in row]
    column_totals = [sum(row[j] for row in rows) + pool[j] for j in range(c)]
    row_totals = [sum(row) for row in rows]
    pool_total = sum(pool)
    has_pool = pool_total > 0
    values = list(cells)
    pool_at = len(values)
    if has_pool:
        values += pool
    row_at = len(values)
    values += row_totals
    pool_total_at = len(values)
    if has_pool:
        values.append(pool_total)
    column_at = len(values)
    values += column_totals
    sums = [(tuple(i * c + j for j in range(c)), row_at + i) for i in range(r)]
    for j in range(c):
        parts = tuple(i * c + j for i in range(r))
        sums.append(((*parts, pool_at + j) if has_pool else parts, column_at + j))
    pool_entries = set(range(pool_at, pool_at + c)) if has_pool else set()
    if has_pool:
        sums.append((tuple(sorted(pool_entries)), pool_total_at))
    table = Sums(
        values,
        sums,
        public=set(range(row_at, len(values))),
        exempt=pool_entries if pool_exempt else set(),
        aggregates=pool_entries,
    )
    figures = protect(table, limit=limit)
    return SubjectTable(
        columns=columns,
        cells=[figures[i * c : (i + 1) * c] for i in range(r)],
        column_totals=column_totals,
        total=sum(column_totals),
    )
