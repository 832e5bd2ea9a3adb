"""Keep the report's figures in step with responses and tag decisions.

Submissions, changes and withdrawals (``surveys.signals``) and tag saves
(decisions, tags added by a person) mark the figures stale, in the same
transaction: no task is sent from a respondent's request, so a broker outage
can neither lose the mark nor hold up the send. Beat's
``reports.refresh_stale_figures`` rebuilds stale figures every minute, and a
page that finds them stale rebuilds small ones itself. Analysis writes tags in
bulk without signals; ``aggregates.ensure_fresh`` notices those when a page is
read.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from consult.analysis.models import ThemeAssignment
from surveys.signals import response_submitted, response_withdrawn

from .aggregates import mark_stale


def _stale(consultation_id) -> None:
    mark_stale(consultation_id=consultation_id)


@receiver(response_submitted, dispatch_uid="reports.figures_on_submit")
def figures_on_submit(sender, response, **kwargs):
    _stale(response.round.consultation_id)


@receiver(response_withdrawn, dispatch_uid="reports.figures_on_withdraw")
def figures_on_withdraw(sender, response, **kwargs):
    _stale(response.round.consultation_id)


@receiver(post_save, sender=ThemeAssignment, dispatch_uid="reports.figures_on_tag")
def figures_on_tag(sender, instance, **kwargs):
    _stale(instance.consultation_id)
