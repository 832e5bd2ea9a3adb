"""Key points of a theme in people's words.

Until the analysis builds key points (``consult.analysis.key_points``), the
report shows the shortest distinct quotes: short sentences read as points.
Point ``key_points_for`` at the analysis's function when it is merged.
"""

KEY_POINT_LENGTH = 160


def key_points_for(*, theme_key: str, quotes: list[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct, short quotes (already redacted, de-duplicated)."""
    short = [q for q in quotes if len(q) <= KEY_POINT_LENGTH]
    return sorted(short, key=len)[:limit]
