"""Accessibility fixes for Wagtail's own admin widgets, as a small script rather
than a fork (static/admin_a11y/admin_a11y.js; docs/wagtail-upstream-a11y.md
lists what Wagtail should fix itself)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_accessibility_script():
    return format_html(
        '<script src="{}" defer></script>', static("admin_a11y/admin_a11y.js")
    )
