"""Key points of a theme in people's words, for the report.

The whole consultation's key points come from the analysis
(``consult.analysis.key_points``): noun phrases many answers used, each with
the sentence that says it best, redacted and never repeated. They are read
once per state of the figures (cached until the figures are rebuilt), so a
report page stays a read of aggregates. A filtered view shows the shortest
distinct quotes of its slice instead: the consultation's key points would
speak for people the filter leaves out.
"""

from django.core.cache import cache

from consult.analysis.key_points import key_points_for as analysis_key_points

KEY_POINT_LENGTH = 160
CACHE_SECONDS = 60 * 60


def key_points_for(
    *, consultation, theme_key: str, quotes: list[str], state=None, limit: int = 3
) -> list[str]:
    """Up to ``limit`` key points. ``quotes`` (already redacted, de-duplicated,
    empty where the theme's figures are suppressed) are the filtered slice's;
    ``state`` is the figures' state for the whole consultation, or None."""
    if not quotes:
        return []  # suppressed: no words of so few people
    if state is not None:
        built = getattr(state, "built_at", None)
        key = f"report-key-points:{consultation.pk}:{theme_key}:{built}"
        points = cache.get(key)
        if points is None:
            found = analysis_key_points(
                consultation=consultation, theme_key=theme_key, limit=limit
            )
            points = [p.sentence for p in found.points] if found else []
            cache.set(key, points, CACHE_SECONDS)
        if points:
            return points[:limit]
    short = [q for q in quotes if len(q) <= KEY_POINT_LENGTH]
    return sorted(short, key=len)[:limit]
