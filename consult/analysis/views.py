"""Analysis pages in the Wagtail admin, for officers and project leads.

Each view checks permission (``rules.py``), validates, calls one service and
renders or redirects. A consultation someone may not read is a 404; an action
they may not take on one they can read is a 403.
"""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.edge import limits
from surveys.models import Consultation

from . import rules
from .active import check_next
from .codebook_files import write_codebook_csv, write_qdc
from .forms import CodebookImportForm, DecisionForm
from .models import AnalysisRun, Codebook, Theme, ThemeAssignment
from .redaction import redact
from .runs import cancel_run, progress, resume_run, start_run
from .services import decide, replace_codebook
from .summaries import (
    contradicted_signals,
    highlighted,
    rejected_signals,
    theme_summaries,
)

ANSWERS_PER_PAGE = 25
CHECK_NEXT = 5


def _consultation(request, consultation_id) -> Consultation:
    return get_object_or_404(
        rules.reviewable_consultations(request.user), pk=consultation_id
    )


def _require_officer(request, consultation):
    if not rules.can_run_analysis(request.user, consultation):
        raise PermissionDenied


def index(request):
    if not rules.can_see_analysis_menu(request.user):
        raise PermissionDenied
    consultations = rules.reviewable_consultations(request.user).order_by("title")
    latest = {}
    for run in AnalysisRun.objects.filter(consultation__in=consultations).order_by(
        "consultation_id", "-created_at"
    ):
        latest.setdefault(run.consultation_id, run)
    rows = [(c, latest.get(c.pk)) for c in consultations]
    return render(request, "analysis/index.html", {"rows": rows})


def consultation(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    codebook = Codebook.objects.filter(consultation=consultation).first()
    run = consultation.analysis_runs.first()
    context = {
        "consultation": consultation,
        "codebook": codebook,
        "run": run,
        "progress": progress(run) if run else None,
        "summaries": theme_summaries(codebook) if codebook else [],
        "check_next": _check_next(codebook) if codebook else [],
        "fitted": codebook.fitted_models.order_by("-started_at").first()
        if codebook
        else None,
        "can_run": rules.can_run_analysis(request.user, consultation),
        # Refresh while a run is in progress (no JavaScript needed).
        "refresh": bool(run and run.is_active),
    }
    return render(request, "analysis/consultation.html", context)


def _check_next(codebook) -> list[dict]:
    """ "Check these next": undecided answers the learner is least sure of, with
    the review page of the theme in doubt."""
    themes = {
        key: (pk, name)
        for key, pk, name in codebook.themes.values_list("key", "pk", "name")
    }
    return [
        {
            "text": redact(c.text)[:300],
            "theme": themes[c.theme_key][0],
            "theme_name": themes[c.theme_key][1],
        }
        for c in check_next(codebook=codebook, limit=CHECK_NEXT)
        if c.theme_key in themes
    ]


@require_POST
def run_analysis(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    _require_officer(request, consultation)
    start_run(consultation=consultation, user=request.user)
    messages.success(request, _("Analysis started."))
    return redirect("analysis_consultation", consultation_id=consultation.pk)


@require_POST
def cancel_analysis(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    _require_officer(request, consultation)
    run = consultation.analysis_runs.filter(status__in=AnalysisRun.ACTIVE).first()
    if run and cancel_run(run=run):
        messages.success(
            request, _("Analysis cancelled. Answers analysed so far are kept.")
        )
    return redirect("analysis_consultation", consultation_id=consultation.pk)


@require_POST
def resume_analysis(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    _require_officer(request, consultation)
    run = consultation.analysis_runs.filter(status=AnalysisRun.Status.RUNNING).first()
    if run:
        count = resume_run(run=run)
        messages.success(
            request, f"{count} parts of the analysis sent to workers again."
        )
    return redirect("analysis_consultation", consultation_id=consultation.pk)


def theme(request, consultation_id, theme_id):
    consultation = _consultation(request, consultation_id)
    theme = get_object_or_404(
        Theme.objects.select_related("codebook", "parent"),
        pk=theme_id,
        codebook__consultation=consultation,
    )
    shown = request.GET.get("show", "pending")
    tags = (
        ThemeAssignment.objects.current()
        .filter(theme=theme)
        .select_related("answer__question", "answer__response", "decided_by")
        .order_by("-score", "created_at")
    )
    if shown in ThemeAssignment.Decision.values:
        tags = tags.filter(decision=shown)
    if shown == ThemeAssignment.Decision.PENDING:
        tags = tags.filter(suggested=True)
    page = Paginator(tags, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(tag, highlighted(tag.answer.text, tag.evidence)) for tag in page]
    audit.record(
        AuditEntry.Action.VIEW_QUOTES,
        target=theme,
        detail=f"{len(rows)} answers ({shown}, page {page.number})",
    )
    summary = next(
        (s for s in theme_summaries(theme.codebook) if s.theme.pk == theme.pk), None
    )
    signal_rows = rejected_signals(theme)
    context = {
        "consultation": consultation,
        "theme": theme,
        "summary": summary,
        "rows": rows,
        "page": page,
        "shown": shown,
        "filters": [
            ("pending", _("Not reviewed")),
            ("confirmed", _("Confirmed")),
            ("rejected", _("Rejected")),
            ("all", _("All")),
        ],
        "rejected_signals": signal_rows,
        "contradicted": contradicted_signals(signal_rows),
        "can_change": rules.can_change_codebook(request.user, consultation),
    }
    return render(request, "analysis/theme.html", context)


@require_POST
def decide_tag(request, assignment_id):
    assignment = get_object_or_404(
        ThemeAssignment.objects.select_related("theme"), pk=assignment_id
    )
    consultation = _consultation(request, assignment.consultation_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or reject."))
    else:
        decide(
            assignment=assignment,
            user=request.user,
            decision=form.cleaned_data["decision"],
        )
        messages.success(
            request,
            f"“{assignment.theme.name}” "
            f"{assignment.get_decision_display().lower()} on this answer.",
        )
    fallback = reverse(
        "analysis_theme",
        kwargs={"consultation_id": consultation.pk, "theme_id": assignment.theme_id},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return redirect(target)


@limits.rate_limited("upload", methods=("POST",), per_user=True)
def import_codebook(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    if not rules.can_change_codebook(request.user, consultation):
        raise PermissionDenied
    form = CodebookImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        codebook = replace_codebook(consultation=consultation, rules=form.rules)
        count = codebook.themes.count()
        messages.success(
            request,
            ngettext(
                "Codebook imported: %(count)s theme. "
                "Run the analysis again to apply it.",
                "Codebook imported: %(count)s themes. "
                "Run the analysis again to apply it.",
                count,
            )
            % {"count": count},
        )
        return redirect("analysis_consultation", consultation_id=consultation.pk)
    return render(
        request,
        "analysis/import.html",
        {"consultation": consultation, "form": form},
    )


@limits.rate_limited("export", per_user=True)
def export_codebook(request, consultation_id, fmt):
    if fmt not in ("csv", "qdc"):
        raise Http404
    consultation = _consultation(request, consultation_id)
    codebook = get_object_or_404(Codebook, consultation=consultation)
    codebook_rules = codebook.rules()
    if fmt == "qdc":
        buffer = io.BytesIO()
        write_qdc(codebook_rules, buffer)
        body, content_type = buffer.getvalue(), "application/xml"
    else:
        buffer = io.StringIO()
        write_codebook_csv(codebook_rules, buffer)
        body, content_type = buffer.getvalue(), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="codebook.{fmt}"'
    return response


@require_POST
def measure_learning(request, consultation_id):
    from django.db import transaction

    from .tasks import measure_codebook_learning

    consultation = _consultation(request, consultation_id)
    _require_officer(request, consultation)
    transaction.on_commit(lambda: measure_codebook_learning.delay(str(consultation.pk)))
    messages.success(request, _("Measuring the learner on the decisions so far."))
    return redirect("analysis_consultation", consultation_id=consultation.pk)
