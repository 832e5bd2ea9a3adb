"""Analysis reacts to surveys through its signals (surveys never imports us)."""

from django.db import transaction
from django.dispatch import receiver

from surveys.models import Question
from surveys.signals import response_submitted


@receiver(response_submitted, dispatch_uid="analysis.analyse_on_submit")
def analyse_on_submit(sender, response, answers, **kwargs):
    """Analyse the response's free-text answers once the submission commits."""
    from .tasks import analyse_submitted_answers

    ids = [
        a.pk
        for a in answers
        if a.question.kind == Question.Kind.LONG_TEXT and (a.text or "").strip()
    ]
    if ids:
        transaction.on_commit(lambda: analyse_submitted_answers.delay(ids))
