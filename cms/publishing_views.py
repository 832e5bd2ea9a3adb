"""Admin: "New consultation", everything on one page (publishing.py does the work)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import ConsultationIndexPage
from .publishing import PublishingRefused, create_consultation
from .publishing_forms import NewConsultationForm

PERMISSIONS = ("surveys.add_consultation", "surveys.add_survey")


def can_create(user, index) -> bool:
    """Officers: the record and survey permissions, and adding pages under the index."""
    return bool(
        index
        and user.has_perms(PERMISSIONS)
        and index.permissions_for_user(user).can_add_subpage()
    )


@require_http_methods(["GET", "POST"])
def new_consultation(request):
    index = ConsultationIndexPage.objects.order_by("path").first()
    if not can_create(request.user, index):
        raise PermissionDenied
    form = NewConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            page = create_consultation(
                details=form.details(), index=index, by=request.user
            )
        except PublishingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” is ready as a draft with its survey. "
                    "Write the page, then publish it."
                )
                % {"title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return render(
        request,
        "cms/admin/new_consultation.html",
        {"form": form, "index": index},
        status=400 if form.errors else 200,
    )
