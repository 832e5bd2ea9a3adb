"""Writes from report pages: tag decisions, handed to the analysis's service."""

from consult.analysis.models import ThemeAssignment
from consult.analysis.services import decide

from .aggregates import mark_stale


def decide_tag(*, assignment: ThemeAssignment, user, decision: str) -> ThemeAssignment:
    """Confirm or reject a tag from the report, and mark the figures stale so
    the report counts the decision. Idempotent: deciding again keeps one."""
    decided = decide(assignment=assignment, user=user, decision=decision)
    mark_stale(consultation_id=assignment.consultation_id)
    return decided
