"""The themed report, its theme pages and tag decisions, for officers and the
consultation's project leads. A consultation you may not read is a 404.

Views check access, read the filters, call one read or service, and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.accounts.rules import is_officer
from consult.analysis.forms import DecisionForm
from consult.analysis.models import Theme, ThemeAssignment
from consult.analysis.summaries import highlighted
from consult.audit import services as audit
from consult.audit.models import AuditEntry

from . import rules, suppression
from .aggregates import ensure_fresh
from .figures import build_report
from .filters import SENTIMENT_LABELS, read_filters
from .models import ALL_SERVICES, FigureCell
from .services import decide_tag
from .theme_quotes import tagged_answers, with_tags

ANSWERS_PER_PAGE = 25


def consultation_for(request, consultation_id):
    return get_object_or_404(
        rules.readable_consultations(request.user).prefetch_related("rounds"),
        pk=consultation_id,
    )


def report_for(request, consultation, *, sentiment=False):
    """The figures for the request's filters (after making sure they are fresh)."""
    state = ensure_fresh(consultation=consultation)
    rounds = {r.kind: r for r in consultation.rounds.all()}
    slices = FigureCell.objects.filter(consultation=consultation, measure="responses")
    types = set(slices.values_list("respondent_type", flat=True).distinct())
    services = set(
        slices.exclude(service=ALL_SERVICES)
        .values_list("service", flat=True)
        .distinct()
    )
    filters = read_filters(
        request.GET, rounds=rounds, types=types, services=services, sentiment=sentiment
    )
    for error in filters.errors:
        messages.error(request, error)
    return build_report(
        consultation=consultation, filters=filters, state=state, rounds=rounds
    )


@login_required
def index(request):
    """The consultations whose reports the person may read."""
    if not rules.can_see_reports(request.user):
        raise Http404
    consultations = rules.readable_consultations(request.user).order_by("title")
    return render(request, "reports/index.html", {"consultations": consultations})


@login_required
def report(request, consultation_id):
    consultation = consultation_for(request, consultation_id)
    return render(
        request,
        "reports/report.html",
        {
            "consultation": consultation,
            "report": report_for(request, consultation),
            "threshold": suppression.threshold(),
            "can_draft_outcome": is_officer(request.user),
        },
    )


@login_required
def theme(request, consultation_id, theme_key):
    """Every tagged quote of one theme, filterable; tags confirmed or rejected here."""
    consultation = consultation_for(request, consultation_id)
    theme = get_object_or_404(
        Theme.objects.select_related("codebook"),
        codebook__consultation=consultation,
        key=theme_key,
    )
    audit.record(AuditEntry.Action.VIEW_QUOTES, target=consultation, detail=theme_key)
    report = report_for(request, consultation, sentiment=True)
    tags = tagged_answers(theme=theme, filters=report.filters, rounds=report.rounds)
    figures = next((t for t in report.themes if t.key == theme.key), None)
    # Responses raising the theme in this view, from the report's figures.
    people = 0
    if figures:
        sentiment = report.filters.sentiment
        people = figures.sentiment[sentiment] if sentiment else figures.count
    allowed = people >= suppression.threshold()
    page = Paginator(tags if allowed else tags.none(), ANSWERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "tag": tag,
            "parts": highlighted(tag.answer.text, tag.evidence),
            "facts": row,
            "sentiment": row.sentiment,
        }
        for row, tag in with_tags(page)
    ]
    context = {
        "consultation": consultation,
        "theme": theme,
        "report": report,
        "people": people,
        "allowed": allowed,
        "rows": rows,
        "page": page,
        "sentiments": SENTIMENT_LABELS,
        "threshold": suppression.threshold(),
        "figures": figures,
    }
    return render(request, "reports/theme.html", context)


@login_required
@require_POST
def decide(request, consultation_id, assignment_id):
    consultation = consultation_for(request, consultation_id)
    assignment = get_object_or_404(
        ThemeAssignment.objects.select_related("theme"),
        pk=assignment_id,
        consultation=consultation,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or reject."))
    else:
        decide_tag(
            assignment=assignment,
            user=request.user,
            decision=form.cleaned_data["decision"],
        )
        messages.success(
            request,
            _("“%(theme)s” %(decision)s on this answer.")
            % {
                "theme": assignment.theme.name,
                "decision": assignment.get_decision_display().lower(),
            },
        )
    url = reverse(
        "reports:theme",
        kwargs={"consultation_id": consultation.pk, "theme_key": assignment.theme.key},
    )
    query = request.POST.get("query", "")
    return redirect(f"{url}?{query}" if query and "/" not in query else url)
