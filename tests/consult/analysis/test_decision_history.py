"""Every decision on a tag and every change to a codebook keeps who and when."""

import pytest
from django.urls import reverse

from consult.accounts.roles import Role
from consult.analysis.models import Theme, ThemeAssignment
from consult.analysis.services import (
    add_theme,
    analyse_answers,
    decide,
    load_answers,
    replace_codebook,
)
from tests.consult.analysis.factories import RULES, add_answers, person

pytestmark = pytest.mark.django_db

CONFIRMED = ThemeAssignment.Decision.CONFIRMED
REJECTED = ThemeAssignment.Decision.REJECTED


@pytest.fixture
def tagged(answered):
    consultation, codebook, answers = answered
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    return consultation, codebook, answers


def _a_tag(consultation):
    return ThemeAssignment.objects.filter(consultation=consultation).first()


def test_machine_suggestions_leave_no_history(tagged):
    consultation, _, _ = tagged
    assert ThemeAssignment.objects.filter(consultation=consultation).exists()
    assert ThemeAssignment.history.count() == 0


def test_deciding_twice_keeps_both_decisions_with_who_and_when(tagged, officer):
    consultation, _, _ = tagged
    lead = person("lead@example.org", Role.PROJECT_LEAD, leads=[consultation])
    tag = _a_tag(consultation)

    decide(assignment=tag, user=lead, decision=CONFIRMED)
    decide(assignment=tag, user=officer, decision=REJECTED)

    rows = list(tag.history.order_by("history_date"))
    assert [(r.decision, r.history_user, r.decided_by) for r in rows] == [
        (CONFIRMED, lead, lead),
        (REJECTED, officer, officer),
    ]
    assert rows[0].history_date <= rows[1].history_date
    assert rows[0].decided_at is not None and rows[1].decided_at is not None
    # The history keeps no answer text or machine evidence.
    assert not hasattr(rows[0], "evidence")


def test_the_same_decision_again_records_nothing(tagged, officer):
    tag = _a_tag(tagged[0])
    decide(assignment=tag, user=officer, decision=CONFIRMED)
    decide(assignment=tag, user=officer, decision=CONFIRMED)
    assert tag.history.count() == 1


def test_a_tag_added_by_a_person_is_recorded(tagged, officer):
    _, codebook, answers = tagged
    theme = codebook.themes.get(key="parking")
    row = add_theme(answer=answers[0], theme=theme, user=officer)
    (record,) = row.history.all()
    assert record.history_type == "+" and record.decided_by == officer


def test_decisions_outlive_the_tag(tagged, officer):
    """A tag removed with its theme goes quietly; what was decided stays."""
    consultation, codebook, _ = tagged
    tag = _a_tag(consultation)
    decide(assignment=tag, user=officer, decision=REJECTED)
    kept = [r for r in RULES if r.key != tag.theme.key]
    replace_codebook(consultation=consultation, rules=kept)
    assert not ThemeAssignment.objects.filter(pk=tag.pk).exists()
    assert list(ThemeAssignment.history.values_list("id", "decision")) == [
        (tag.pk, REJECTED)
    ]


def test_a_decision_in_the_admin_records_the_person(client, tagged, officer):
    tag = _a_tag(tagged[0])
    client.force_login(officer)
    client.post(
        reverse("analysis_decide", kwargs={"assignment_id": tag.pk}),
        {"decision": REJECTED},
    )
    assert tag.history.get().history_user == officer


def test_a_theme_rename_keeps_the_old_name_and_who(client, tagged, officer):
    _, codebook, _ = tagged
    theme = codebook.themes.get(key="camhs")
    theme.name = "Children's mental health"
    theme._history_user = officer
    theme.save()
    names = list(theme.history.order_by("history_date").values_list("name", flat=True))
    assert names == ["CAMHS", "Children's mental health"]
    assert theme.history.first().history_user == officer


def test_saving_a_codebook_unchanged_records_nothing(tagged):
    _, codebook, _ = tagged
    before = Theme.history.count()
    for theme in codebook.themes.all():
        theme.save()
    codebook.save()
    assert Theme.history.count() == before


def test_importing_the_same_codebook_again_records_nothing(tagged):
    consultation, _, _ = tagged
    before = Theme.history.count()
    replace_codebook(consultation=consultation, rules=RULES)
    assert Theme.history.count() == before
    parking = Theme.history.filter(key="parking").first()
    assert parking.parent.key == "one-site"


def test_removing_a_theme_removes_its_tags_in_one_statement(
    answered, django_assert_max_num_queries
):
    """Tags keep no deletion history, so a cascade stays one DELETE however
    many tags the theme had (a delete receiver would load and delete each)."""
    consultation, codebook, _ = answered
    round_ = consultation.main_round
    views = round_.survey.questions.first()
    answers = add_answers(round_, views, [f"Answer {n}" for n in range(60)])
    theme = codebook.themes.get(key="parking")
    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(answer=a, theme=theme, consultation=consultation)
        for a in answers
    )
    with django_assert_max_num_queries(15):
        theme.delete()
    assert not ThemeAssignment.objects.filter(theme_id=theme.pk).exists()
    assert ThemeAssignment.history.count() == 0
