"""Admin hooks of the pages app, one module per concern."""

from . import (
    admin_a11y_hooks,  # noqa: F401  fixes for Wagtail's own widgets
    publishing_hooks,  # noqa: F401  "New consultation", in one pass
)
