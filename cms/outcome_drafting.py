"""Draft a consultation's outcome page ("you said, we did") from its report.

cms may import reports (reports never import cms): the report's figures give
"you said"; each theme gets an empty "we will" commitment for an officer to
write, own and date.
"""

from django.db import transaction
from django.utils.html import escape

from consult.reports.aggregates import ensure_fresh
from consult.reports.figures import build_report
from consult.reports.filters import ReportFilters
from consult.reports.suppression import disclose, disclose_share

from .models import Commitment, ConsultationPage, OutcomePage


class NoConsultationPage(Exception):
    """The consultation has no page to put its outcome under."""


def _you_said(report) -> str:
    parts = [
        f"<p>{escape(disclose(report.total))} responses were counted.</p>",
    ]
    for theme in report.themes:
        parts.append(
            f"<p><b>{escape(theme.name)}</b>: raised in "
            f"{escape(disclose(theme.count))} responses "
            f"({escape(disclose_share(theme.count, theme.total))}).</p>"
        )
        if theme.key_points:
            items = "".join(f"<li>“{escape(p)}”</li>" for p in theme.key_points)
            parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def draft_outcome(*, consultation, user) -> OutcomePage:
    """The consultation's outcome page, created as a draft from its report.

    Idempotent: once the page exists (draft or live) it is returned as it
    is, so an officer's edits are never overwritten. Raises
    ``NoConsultationPage`` when there is nowhere to put it.
    """
    parent = ConsultationPage.objects.filter(consultation=consultation).first()
    if parent is None:
        raise NoConsultationPage
    with transaction.atomic():
        parent = ConsultationPage.objects.select_for_update().get(pk=parent.pk)
        existing = OutcomePage.objects.child_of(parent).first()
        if existing:
            return existing
        rounds = {r.kind: r for r in consultation.rounds.all()}
        report = build_report(
            consultation=consultation,
            filters=ReportFilters(),
            state=ensure_fresh(consultation=consultation),
            rounds=rounds,
        )
        page = OutcomePage(
            title=f"{parent.title}: what you said and what we did",
            slug="outcome",
            live=False,
            we_asked=f"<p>{escape(parent.summary)}</p>",
            you_said=_you_said(report),
            we_did="",
        )
        page.commitments = [
            Commitment(kind=Commitment.Kind.WE_WILL, theme=theme.name, text="")
            for theme in report.themes
        ]
        parent.add_child(instance=page)
        # Blank "we did" and commitments are for the officer to write: the
        # editor checks them when the page is published.
        page.save_revision(user=user, log_action=True, clean=False)
    return page
