"""Population profiles in the Wagtail admin: the list, and the CSV import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import rules
from .forms import PopulationImportForm
from .models import PopulationProfile
from .population import import_population_profile


def population_index(request):
    if not rules.can_import_population(request.user):
        raise PermissionDenied
    profiles = PopulationProfile.objects.select_related("imported_by")
    return render(
        request,
        "reports/equalities/population_index.html",
        {"profiles": profiles, "current": profiles.first()},
    )


def population_import(request):
    if not rules.can_import_population(request.user):
        raise PermissionDenied
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = import_population_profile(
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                data=form.data_bytes,
                user=request.user,
            )
        messages.success(
            request,
            _(
                "Population profile “%(name)s” imported: %(count)s figures. "
                "Reports now compare with it."
            )
            % {"name": profile.name, "count": profile.figures.count()},
        )
        return redirect("equality_population")
    return render(request, "reports/equalities/population_import.html", {"form": form})
