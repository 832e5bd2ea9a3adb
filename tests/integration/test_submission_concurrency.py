"""Concurrent submissions on PostgreSQL: one response per draft, none lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from surveys.models import Draft, Response
from surveys.services import submit_draft
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.integration


def _submit(draft_id):
    try:
        return submit_draft(draft_id=draft_id).reference
    finally:
        connection.close()  # each thread has its own connection


def _drafts(round_, q, n):
    return [
        Draft.objects.create(
            round=round_,
            answers={str(q["who"].pk): "Young person", str(q["views"].pk): f"View {i}"},
        )
        for i in range(n)
    ]


def test_fifty_concurrent_distinct_submissions_give_fifty_responses(transactional_db):
    round_, q = survey_round()
    drafts = _drafts(round_, q, 50)
    with ThreadPoolExecutor(max_workers=10) as pool:
        references = list(pool.map(_submit, [d.pk for d in drafts]))
    assert len(set(references)) == 50
    assert Response.objects.filter(round=round_).count() == 50


def test_twenty_concurrent_resubmissions_of_one_draft_give_one(transactional_db):
    round_, q = survey_round()
    (draft,) = _drafts(round_, q, 1)
    with ThreadPoolExecutor(max_workers=20) as pool:
        references = list(pool.map(_submit, [draft.pk] * 20))
    assert len(set(references)) == 1
    assert Response.objects.filter(round=round_).count() == 1
