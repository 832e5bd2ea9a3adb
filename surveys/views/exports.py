"""Officers download a round's responses (built in ``surveys/exports.py``)."""

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.edge import limits
from surveys import exports
from surveys.models import Round


@permission_required("surveys.export_responses", raise_exception=True)
@limits.rate_limited("export", per_user=True)
def export_responses(request, round_id, fmt):
    """Officers download a round's responses as CSV or XLSX."""
    round_ = get_object_or_404(
        Round.objects.select_related("survey", "consultation"), pk=round_id
    )
    if round_.survey is None or fmt not in ("csv", "xlsx"):
        raise Http404("No such export")
    name = f"responses-{slugify(round_.consultation.title)[:50]}-{round_.kind}"
    audit.record(AuditEntry.Action.EXPORT, target=round_, detail=f"responses.{fmt}")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(round_), content_type="text/csv"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(
        exports.xlsx_file(round_), as_attachment=True, filename=f"{name}.xlsx"
    )
