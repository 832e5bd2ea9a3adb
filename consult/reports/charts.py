"""Server-rendered SVG charts: no scripts, no web fonts, a title and a text
description on each, dark bars with labels so they read in greyscale, and a
viewBox so they scale at 200% zoom. Each is shown beside its data table.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import suppression

# Sized for a half-width column, so text is drawn at about its own size.
WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW = 440, 160, 100, 30
BAR = "#1d70b8"
# Five steps from dark to light, told apart in greyscale as well as colour.
SCALE = ("#003078", "#1d70b8", "#b1b4b6", "#f47738", "#942514")
SCALE_TEXT = ("#ffffff", "#ffffff", "#0b0c0c", "#0b0c0c", "#ffffff")


def _short(text: str, length: int = 22) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _svg(chart_id: str, title: str, description: str, height: int, body: str):
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg class="report-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def describe(rows) -> str:
    return "; ".join(f"{label}: {suppression.disclose(n)}" for label, n in rows)


def bar_chart(*, chart_id: str, title: str, rows) -> str:
    """Horizontal bars, one per (label, count); small counts have no bar."""
    if not rows:
        return ""
    top = max((n for _, n in rows if not suppression.is_suppressed(n)), default=0)
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = []
    for i, (label, n) in enumerate(rows):
        y = i * ROW
        width = 0 if suppression.is_suppressed(n) or not top else area * n / top
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" '
            f'font-size="14" fill="#0b0c0c">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width:.1f}" '
            f'height="{ROW - 10}" fill="{BAR}"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 19}" font-size="14" '
            f'fill="#0b0c0c">{escape(suppression.disclose(n))}</text>'
        )
    return _svg(chart_id, title, describe(rows), len(rows) * ROW + 4, "".join(parts))


def stacked_bar(*, chart_id: str, title: str, rows) -> str:
    """One bar split into the shares of an agree–disagree scale, with a key."""
    total = sum(n for _, n in rows)
    if not total:
        return ""
    parts, x = [], 0.0
    for i, (label, n) in enumerate(rows):
        width = 0 if suppression.is_suppressed(n) else WIDTH * n / total
        colour, ink = SCALE[i % len(SCALE)], SCALE_TEXT[i % len(SCALE)]
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="34" fill="{colour}" '
            f'stroke="#ffffff"></rect>'
        )
        if width > 44:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="22" text-anchor="middle" '
                f'font-size="14" fill="{ink}">'
                f"{escape(suppression.disclose_share(n, total))}</text>"
            )
        x += width
        y = 48 + i * 24
        parts.append(
            f'<rect x="0" y="{y}" width="16" height="16" fill="{colour}" '
            f'stroke="#0b0c0c"></rect><text x="24" y="{y + 13}" font-size="14" '
            f'fill="#0b0c0c">{escape(label)}: {escape(suppression.disclose(n))}</text>'
        )
    return _svg(chart_id, title, describe(rows), 48 + len(rows) * 24, "".join(parts))
