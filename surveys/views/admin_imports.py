"""Admin pages: officers import responses from a CSV or XLSX file.

Upload, match columns to questions, read the validation report, confirm.
The work is done by ``imports.py``; these views check permission and render.
A wizard no model listing can express: ``surveys.admin_viewsets`` hangs them
off the "Response imports" viewset (menu item, URLs).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied

from consult.edge import limits
from surveys import imports
from surveys.import_forms import (
    ImportConfirmForm,
    ImportMappingForm,
    ImportUploadForm,
)
from surveys.models import ResponseImport
from surveys.rules import can_import


def officers_only(view):
    """A plain 403 for admin users without the import permission.

    (Wagtail would turn ``PermissionDenied`` into a redirect to the dashboard,
    which hides that the page exists but is not theirs.)
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_import(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


def _upload(pk) -> ResponseImport:
    return get_object_or_404(
        ResponseImport.objects.defer("content").select_related(
            "round__consultation", "round__survey", "uploaded_by"
        ),
        pk=pk,
    )


@officers_only
@require_http_methods(["GET", "POST"])
@limits.rate_limited("upload", methods=("POST",), per_user=True)
def imports_index(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            upload = imports.receive_upload(
                round_=form.cleaned_data["round"],
                uploaded_by=request.user,
                name=file.name,
                chunks=file.chunks(),
            )
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("response_imports:mapping", upload.pk)
    recent = ResponseImport.objects.defer("content").select_related(
        "round__consultation", "uploaded_by"
    )[:50]
    return render(
        request,
        "surveys/admin/imports.html",
        {"form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


@officers_only
@require_http_methods(["GET", "POST"])
def import_mapping(request, pk):
    upload = _upload(pk)
    if upload.status != ResponseImport.Status.UPLOADED:
        return redirect("response_imports:report", upload.pk)
    if upload.round.survey is None:
        messages.error(request, _("That round no longer has a survey to import into."))
        return redirect("response_imports:index")
    questions = list(upload.round.survey.questions.order_by("sort_order"))
    initial = {f"column_{i}": t for i, t in upload.mapping.items()}
    form = ImportMappingForm(
        upload.columns,
        questions,
        request.POST if request.method == "POST" else None,
        initial={**initial, "source": upload.source},
    )
    if request.method == "POST" and form.is_valid():
        try:
            imports.check_import(
                upload=upload,
                mapping=form.mapping(),
                source=form.cleaned_data["source"],
            )
        except (imports.ImportFileError, imports.ImportRefused) as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("response_imports:report", upload.pk)
    return render(
        request,
        "surveys/admin/import_mapping.html",
        {
            "upload": upload,
            "form": form,
            "columns": [form[name] for name in form.column_names],
        },
        status=400 if form.errors else 200,
    )


@officers_only
@require_http_methods(["GET", "POST"])
def import_report(request, pk):
    upload = _upload(pk)
    form = ImportConfirmForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and upload.status == ResponseImport.Status.UPLOADED:
        if "cancel" in request.POST:
            imports.cancel_import(upload=upload)
            messages.success(
                request,
                _("Cancelled the import of %(file)s.") % {"file": upload.file_name},
            )
            return redirect("response_imports:index")
        if form.is_valid():
            try:
                upload = imports.import_responses(
                    upload_id=upload.pk,
                    skip_refused=form.cleaned_data["skip_refused"],
                )
            except (imports.ImportRefused, imports.ImportFileError) as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    f"Imported {upload.imported_count} responses into "
                    f"{upload.round.consultation.title}.",
                )
                return redirect("response_imports:report", upload.pk)
    return render(
        request,
        "surveys/admin/import_report.html",
        {"upload": upload, "form": form, "error": error},
        status=400 if error else 200,
    )
