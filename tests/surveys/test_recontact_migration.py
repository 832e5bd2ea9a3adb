"""Migration surveys.0010: an old "May we contact you again?" yes/no question
becomes the consent question, and its "Yes" answers given with an e-mail
address become consent (they were ignored before)."""

import importlib

import pytest
from django.apps import apps

from surveys.models import Answer, Draft, Question, Response
from surveys.services import submit_draft
from tests.surveys.factories import K, question, survey_round

pytestmark = pytest.mark.django_db
migration = importlib.import_module("surveys.migrations.0010_recontact_from_answers")


def test_old_yes_answers_become_consent():
    round_, q = survey_round()
    asked = question(
        round_.survey,
        K.YES_NO,
        "May we contact you again in the review period?",
        order=3,
    )
    made = {}
    for name, answer, email in (
        ("yes", "Yes", "yes@example.org"),
        ("yes without e-mail", "Yes", ""),
        ("no", "No", "no@example.org"),
    ):
        draft = Draft.objects.create(
            round=round_,
            answers={str(q["who"].pk): "Other", str(asked.pk): answer},
            contact_email=email,
        )
        made[name] = submit_draft(draft_id=draft.pk)
    assert not Response.objects.filter(consent_to_recontact=True).exists()

    migration.forwards(apps, None)

    assert Question.objects.get(pk=asked.pk).kind == K.RECONTACT
    consenting = set(
        Response.objects.filter(consent_to_recontact=True).values_list("pk", flat=True)
    )
    assert consenting == {made["yes"].pk}
    assert Answer.objects.filter(question=asked).count() == 3  # answers untouched
