"""Admin menu items shown by a rule about the person, for viewsets whose pages
are hand-written (no model permission to ask)."""

from wagtail.admin.menu import MenuItem


def menu_item_shown_if(predicate, name: str = "RuleMenuItem"):
    """A ``MenuItem`` class shown to people for whom ``predicate(user)`` holds."""

    def is_shown(self, request):
        return bool(predicate(request.user))

    return type(name, (MenuItem,), {"is_shown": is_shown})
