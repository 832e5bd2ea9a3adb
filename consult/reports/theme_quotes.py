"""A theme's tagged answers for the theme page, within the report's filters."""

from django.db.models import Q

from consult.analysis.models import ThemeAssignment

from .aggregates import NEGATIVE_BELOW, POSITIVE_ABOVE
from .filters import ReportFilters
from .models import ResponseFacts


def _sentiment_q(sentiment: str) -> Q:
    score = "answer__analysis__sentiment"
    if sentiment == "negative":
        return Q(**{f"{score}__lte": NEGATIVE_BELOW})
    if sentiment == "positive":
        return Q(**{f"{score}__gte": POSITIVE_ABOVE})
    return Q(**{f"{score}__gt": NEGATIVE_BELOW, f"{score}__lt": POSITIVE_ABOVE}) | Q(
        **{f"{score}__isnull": True}
    )


def tagged_answers(*, theme, filters: ReportFilters, rounds: dict):
    """Standing tags of the theme on counted responses, strongest first."""
    tags = (
        ThemeAssignment.objects.current()
        .standing()
        .filter(theme=theme)
        .select_related("answer__question", "answer__analysis")
        .order_by("-score", "created_at")
    )
    if any(
        getattr(filters, k) for k in ("round", "respondent_type", "service", "channel")
    ):
        facts = ResponseFacts.objects.filter(
            consultation_id=theme.codebook.consultation_id
        )
        tags = tags.filter(
            answer__response_id__in=facts.filter(filters.facts_q(rounds)).values(
                "response_id"
            )
        )
    if filters.sentiment:
        tags = tags.filter(_sentiment_q(filters.sentiment))
    return tags


def facts_by_response(response_ids) -> dict:
    return {
        f.response_id: f
        for f in ResponseFacts.objects.filter(response_id__in=response_ids)
    }
