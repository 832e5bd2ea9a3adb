"""Subject rights in the Wagtail admin, for officers: find everything held about
a person by e-mail address or response reference, download it, erase it.

Hand-written pages hung off the "Subject rights" viewset (``admin_viewsets.py``).
Every step is a POST (the address stays out of URLs and server logs) and calls
the services behind the ``subject_rights`` command (``subject_rights.py``),
which write each look-up, export and erasure to the audit log. Erasing asks
for confirmation first. Anyone but an officer is refused.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consult.accounts.rules import is_officer
from consult.edge import limits
from consult.sheets import csv_writer

from . import subject_rights
from .forms import SubjectQueryForm

INDEX = "audiences/subject_rights.html"


def _require_officer(request):
    if not is_officer(request.user):
        raise PermissionDenied


def _refused(request, form):
    return render(request, INDEX, {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def subject_index(request):
    """The look-up form; posted, what is held about the person."""
    _require_officer(request)
    form = SubjectQueryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not form.is_valid():
        return _refused(request, form)
    holdings = subject_rights.look_up_subject(**form.query()) if form.is_bound else None
    return render(request, INDEX, {"form": form, "holdings": holdings})


@require_POST
@limits.rate_limited("export", methods=("POST",), per_user=True)
def subject_export(request):
    """Everything held, as a CSV file written through the neutralising writer."""
    _require_officer(request)
    form = SubjectQueryForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    holdings = subject_rights.find_subject(**form.query())
    data = subject_rights.export_subject(holdings)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subject-data.csv"'
    response["Cache-Control"] = "no-store"
    csv_writer(response).writerows(subject_rights.subject_csv_rows(data))
    return response


@require_POST
def subject_erase(request):
    """Asks first; erases once confirmed (``confirm=yes``)."""
    _require_officer(request)
    form = SubjectQueryForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    holdings = subject_rights.find_subject(**form.query())
    if request.POST.get("confirm") != "yes" or holdings.empty:
        return render(
            request,
            "audiences/subject_erase.html",
            {"form": form, "holdings": holdings},
        )
    erased = subject_rights.erase_subject(holdings)
    messages.success(
        request,
        _(
            "Erased: %(responses)s responses with their answers, %(drafts)s "
            "drafts, %(equalities)s equalities records; contact details deleted "
            "from %(nominations)s nominations."
        )
        % {**erased, "drafts": len(holdings.drafts)},
    )
    return redirect("subject_rights:index")
