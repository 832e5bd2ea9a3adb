"""A theme's tagged answers for the theme page, within the report's filters.

Filtered and paged on ``TaggedAnswer`` (an index by score), then the page's
tags are read with their answers: a fixed cost whatever the number of tags.
"""

from consult.analysis.models import ThemeAssignment

from .filters import ReportFilters
from .models import TaggedAnswer


def tagged_answers(*, theme, filters: ReportFilters, rounds: dict):
    """The theme's standing tags on counted answers, strongest first."""
    rows = TaggedAnswer.objects.filter(
        consultation_id=theme.codebook.consultation_id, theme_key=theme.key
    ).filter(filters.facts_q(rounds))
    if filters.sentiment:
        rows = rows.filter(sentiment=filters.sentiment)
    return rows.order_by("-score", "assignment_id")


def with_tags(rows) -> list[tuple]:
    """(row, its ThemeAssignment with answer and question), in the rows' order."""
    rows = list(rows)
    tags = ThemeAssignment.objects.select_related(
        "answer__question", "answer__analysis"
    ).in_bulk([r.assignment_id for r in rows])
    return [(row, tags[row.assignment_id]) for row in rows if row.assignment_id in tags]
