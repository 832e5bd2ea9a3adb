"""Population profiles in the admin menu, for officers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, rules


@hooks.register("register_admin_urls")
def register_population_urls():
    return [
        path(
            "equalities/population/",
            admin_views.population_index,
            name="equality_population",
        ),
        path(
            "equalities/population/import/",
            admin_views.population_import,
            name="equality_population_import",
        ),
    ]


class PopulationMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_import_population(request.user)


@hooks.register("register_admin_menu_item")
def register_population_menu_item():
    return PopulationMenuItem(
        _("Population profiles"),
        reverse("equality_population"),
        icon_name="group",
        order=175,
    )
