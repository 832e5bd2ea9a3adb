"""Keep the report's figures in step with responses and tag decisions.

Submissions, changes, withdrawals and erasures (``surveys.signals``) and tag saves
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
from surveys.signals import response_erased, response_submitted, response_withdrawn

from .aggregates import mark_stale
from .models import PdfExport, QuoteCandidate


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


@receiver(response_erased, dispatch_uid="reports.figures_on_erasure")
def figures_on_erasure(sender, response, **kwargs):
    """An erased person's words must leave the report now, not at the next
    rebuild: quote candidates and PDFs hold copies of answers, untied to the
    answer rows. The whole consultation's go (the rebuild brings back the
    others'), since a redacted quote cannot be traced to its answer."""
    consultation_id = response.round.consultation_id
    _stale(consultation_id)
    QuoteCandidate.objects.filter(consultation_id=consultation_id).delete()
    PdfExport.objects.filter(consultation_id=consultation_id).delete()
