"""Whatever lands in a draft, submitting it never crashes and never half-saves."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models import Answer, Draft, Response
from surveys.services import AnswersInvalid, submit_draft
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db

# What a browser can send: UTF-8 (Django decodes request bodies with
# errors="replace", so no lone surrogates, which PostgreSQL's JSON refuses) and
# no NUL (``SectionForm.raw_answers`` drops it; PostgreSQL could not store it).
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80
)
values = st.one_of(
    text,
    st.lists(text, max_size=4),
    st.integers(),
    st.none(),
    st.dictionaries(text, text, max_size=2),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_answers_submit_cleanly_or_save_nothing(data):
    round_, q = survey_round()
    # Drawn by position, then named: database ids differ from one example to
    # the next, and hypothesis must be able to replay the same draws.
    keys = [str(x.pk) for x in q.values()] + [
        "forged",
        "00000000-0000-0000-0000-000000000000",
    ]
    drawn = data.draw(
        st.dictionaries(st.integers(0, len(keys) - 1), values, max_size=6)
    )
    answers = {keys[position]: value for position, value in drawn.items()}
    draft = Draft.objects.create(round=round_, answers=answers)
    try:
        response = submit_draft(draft_id=draft.pk)
    except AnswersInvalid as invalid:
        assert invalid.errors
        assert not Response.objects.filter(draft=draft).exists()
        assert not Answer.objects.filter(response__round=round_).exists()
    else:
        assert response.draft_id == draft.pk
        saved = set(
            Answer.objects.filter(response=response).values_list(
                "question_id", flat=True
            )
        )
        assert {str(pk) for pk in saved} <= {str(x.pk) for x in q.values()}
        assert submit_draft(draft_id=draft.pk) == response  # idempotent
