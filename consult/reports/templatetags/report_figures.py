"""Figures in report templates: small counts suppressed, charts as SVG."""

from django import template

from consult.reports import charts, suppression

register = template.Library()


@register.filter
def disclose(count):
    """{{ n|disclose }}: the count, or "fewer than 10"."""
    return suppression.disclose(count)


@register.simple_tag
def disclose_share(count, total):
    return suppression.disclose_share(count, total)


@register.simple_tag
def bar_chart(chart_id, title, rows):
    return charts.bar_chart(chart_id=str(chart_id), title=title, rows=list(rows))


@register.simple_tag
def stacked_bar(chart_id, title, rows):
    return charts.stacked_bar(chart_id=str(chart_id), title=title, rows=list(rows))


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, 0)
