"""A response's free-text answers are analysed once its submission commits."""

import pytest

from consult.analysis.models import AnswerAnalysis, ThemeAssignment
from consult.analysis.tasks import analyse_submitted_answers
from surveys.models import Draft
from surveys.services import submit_draft
from tests.consult.analysis.factories import codebook_for, free_text_round

pytestmark = pytest.mark.django_db


def _submit(round_, views, text):
    draft = Draft.objects.create(round=round_, answers={str(views.pk): text})
    return submit_draft(draft_id=draft.pk)


def test_answers_are_analysed_after_the_submission_commits(
    django_capture_on_commit_callbacks,
):
    round_, views = free_text_round()
    codebook_for(round_.consultation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _submit(round_, views, "My son waited months for CAMHS.")
        # Nothing is analysed inside the submitting transaction.
        assert not AnswerAnalysis.objects.exists()
    for callback in callbacks:
        callback()
    answer = response.answers.get()
    assert AnswerAnalysis.objects.filter(answer=answer).exists()
    tag = ThemeAssignment.objects.get(answer=answer)
    assert tag.theme.key == "camhs" and tag.evidence


def test_the_task_twice_gives_one_analysis_and_the_same_tags(
    django_capture_on_commit_callbacks,
):
    round_, views = free_text_round()
    codebook_for(round_.consultation)
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(round_, views, "One number to phone would help.")
    answer = response.answers.get()
    tags = list(ThemeAssignment.objects.values_list("pk", "score", "evidence"))
    assert analyse_submitted_answers.delay([answer.pk]).get() == 1
    assert analyse_submitted_answers.delay([answer.pk]).get() == 1
    assert AnswerAnalysis.objects.filter(answer=answer).count() == 1
    assert list(ThemeAssignment.objects.values_list("pk", "score", "evidence")) == tags


def test_gone_answers_are_skipped_quietly():
    assert analyse_submitted_answers.delay([987654]).get() == 0
