"""Themes per answer with score and evidence; human decisions survive re-runs."""

import pytest

from consult.analysis.matching import ThemeRule
from consult.analysis.models import ThemeAssignment
from consult.analysis.services import (
    add_theme,
    analyse_answers,
    decide,
    load_answers,
    replace_codebook,
)
from tests.consult.analysis.factories import RULES

pytestmark = pytest.mark.django_db
D = ThemeAssignment.Decision


def _run(codebook, answers):
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)


def _themes(answer):
    return {
        a.theme.key: a
        for a in ThemeAssignment.objects.filter(answer=answer).select_related("theme")
    }


def test_every_answer_gets_its_themes_with_score_and_evidence(answered):
    _, codebook, answers = answered
    _run(codebook, answers)
    door = _themes(answers[0])["front-door"]
    assert door.score > 0.5  # two signals: "phone" and "one number"
    assert door.evidence == "One number would help." or "phone" in door.evidence
    assert set(door.matched_signals) == {"one number", "phone"}
    assert door.source == ThemeAssignment.Source.RULE
    assert door.decision == D.PENDING and door.suggested
    assert set(_themes(answers[1])) == {"camhs"}
    assert set(_themes(answers[2])) == {"one-site"}
    for empty in answers[3:]:
        assert _themes(empty) == {}


def test_running_twice_gives_the_same_tags(answered):
    _, codebook, answers = answered
    _run(codebook, answers)
    first = list(ThemeAssignment.objects.values_list("pk", "theme_id", "score"))
    _run(codebook, answers)
    assert list(ThemeAssignment.objects.values_list("pk", "theme_id", "score")) == first


def test_decisions_survive_a_rerun_with_a_changed_codebook(answered, officer):
    consultation, codebook, answers = answered
    _run(codebook, answers)
    door = _themes(answers[0])["front-door"]
    camhs = _themes(answers[1])["camhs"]
    site = _themes(answers[2])["one-site"]
    decide(assignment=door, user=officer, decision=D.CONFIRMED)
    decide(assignment=camhs, user=officer, decision=D.REJECTED)
    # The new codebook no longer signals any of the three themes.
    quiet = [ThemeRule(key=r.key, name=r.name, parent=r.parent) for r in RULES]
    codebook = replace_codebook(consultation=consultation, rules=quiet)
    _run(codebook, answers)
    door.refresh_from_db()
    camhs.refresh_from_db()
    assert (door.decision, door.suggested, door.decided_by) == (
        D.CONFIRMED,
        False,
        officer,
    )
    assert (camhs.decision, camhs.suggested) == (D.REJECTED, False)
    # An undecided tag the machine no longer suggests is gone.
    assert not ThemeAssignment.objects.filter(pk=site.pk).exists()
    # And back: the rules return, the decisions are still the people's.
    codebook = replace_codebook(consultation=consultation, rules=RULES)
    _run(codebook, answers)
    camhs.refresh_from_db()
    assert (camhs.decision, camhs.suggested) == (D.REJECTED, True)


def test_exclusions_rule_a_theme_out(answered):
    consultation, codebook, answers = answered
    from tests.consult.analysis.factories import add_answers

    round_ = consultation.rounds.get()
    [answer] = add_answers(
        round_, round_.survey.questions.get(), ["This is not about CAMHS at all."]
    )
    _run(codebook, [answer])
    assert "camhs" not in _themes(answer)


def test_deciding_is_idempotent_and_checked(answered, officer):
    _, codebook, answers = answered
    _run(codebook, answers)
    tag = _themes(answers[0])["front-door"]
    decide(assignment=tag, user=officer, decision=D.REJECTED)
    first = ThemeAssignment.objects.get(pk=tag.pk).decided_at
    decide(assignment=tag, user=officer, decision=D.REJECTED)
    assert ThemeAssignment.objects.get(pk=tag.pk).decided_at == first
    with pytest.raises(ValueError):
        decide(assignment=tag, user=officer, decision="maybe")


def test_a_theme_added_by_a_person_is_confirmed_and_kept(answered, officer):
    _, codebook, answers = answered
    _run(codebook, answers)
    parking = codebook.themes.get(key="parking")
    tag = add_theme(answer=answers[2], theme=parking, user=officer)
    assert (tag.decision, tag.suggested, tag.source) == (
        D.CONFIRMED,
        False,
        ThemeAssignment.Source.HUMAN,
    )
    _run(codebook, answers)
    assert _themes(answers[2])["parking"].decision == D.CONFIRMED


def test_codebook_import_keeps_tags_of_themes_with_the_same_key(answered, officer):
    consultation, codebook, answers = answered
    _run(codebook, answers)
    tag = _themes(answers[1])["camhs"]
    decide(assignment=tag, user=officer, decision=D.CONFIRMED)
    renamed = [
        ThemeRule(key="camhs", name="Mental health (CAMHS)", signals=["CAMHS"]),
        ThemeRule(key="budget", name="Savings", signals=["money"]),
    ]
    replace_codebook(consultation=consultation, rules=renamed)
    tag.refresh_from_db()
    assert tag.theme.name == "Mental health (CAMHS)"
    assert tag.decision == D.CONFIRMED
    assert set(codebook.themes.values_list("key", flat=True)) == {"camhs", "budget"}


def test_a_tag_confirmed_between_the_read_and_the_delete_stays(answered, officer):
    """apply_suggestions reads the tags, then drops the pending ones no longer
    suggested: one an officer confirms in between must survive."""
    from consult.analysis.services import _plan_suggestions, _write_suggestions

    _, codebook, answers = answered
    _run(codebook, answers)
    door = _themes(answers[0])["front-door"]
    # The machine no longer suggests anything for this answer...
    plan = _plan_suggestions(codebook.consultation_id, {answers[0].pk: []})
    assert door.pk in plan[2]
    # ...while an officer confirms the tag before the delete runs.
    decide(assignment=door, user=officer, decision=D.CONFIRMED)
    _write_suggestions(*plan)
    door.refresh_from_db()
    assert door.decision == D.CONFIRMED
