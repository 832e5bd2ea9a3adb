"""Analysis reacts to surveys through its signals (surveys never imports us)."""

from django.dispatch import receiver

from consult.outbox import services as outbox
from surveys.models import Question
from surveys.signals import response_submitted


@receiver(response_submitted, dispatch_uid="analysis.analyse_on_submit")
def analyse_on_submit(sender, response, answers, **kwargs):
    """Analyse the response's free-text answers once the submission commits.

    Recorded in the outbox inside the submission's transaction, so a broker
    outage at that moment delays the analysis but never loses it.
    """
    ids = [
        a.pk
        for a in answers
        if a.question.kind == Question.Kind.LONG_TEXT and (a.text or "").strip()
    ]
    if ids:
        outbox.enqueue("analysis.analyse_submitted_answers", ids)
