"""Assignment learns from people's decisions; the admin's figures come from them."""

import pytest

from consult.analysis.models import ThemeAssignment
from consult.analysis.services import add_theme, analyse_answers, decide, load_answers
from consult.analysis.tasks import measure_codebook_learning
from consult.analysis.training import examples, learner_for
from tests.consult.analysis.factories import add_answers

pytestmark = pytest.mark.django_db
D = ThemeAssignment.Decision

PARKING = [
    "There is no parking near the Civic Centre.",
    "Parking costs a fortune in town.",
    "Where would visitors park their cars?",
    "The car park is always full by nine.",
    "Parking for home visits is impossible.",
]
OTHER = [
    "My daughter loves the youth club.",
    "The forms are too long to fill in.",
    "Staff were kind and helpful.",
    "Please keep the holiday activities.",
    "I want more say in decisions.",
]


@pytest.fixture
def decided(answered, officer):
    consultation, codebook, _ = answered
    round_ = consultation.rounds.get()
    views = round_.survey.questions.get()
    parking_answers = add_answers(round_, views, PARKING)
    other_answers = add_answers(round_, views, OTHER)
    every = parking_answers + other_answers
    analyse_answers(answers=load_answers(a.pk for a in every), codebook=codebook)
    parking = codebook.themes.get(key="parking")  # a theme with no signals
    for answer in parking_answers:
        add_theme(answer=answer, theme=parking, user=officer)
    # Decisions on the other answers make them examples without parking.
    site = codebook.themes.get(key="one-site")
    for answer in other_answers:
        tag = ThemeAssignment.objects.create(
            answer=answer, theme=site, consultation=consultation, score=0.5
        )
        decide(assignment=tag, user=officer, decision=D.REJECTED)
    return consultation, codebook


def test_decisions_become_examples(decided):
    _, codebook = decided
    found = examples(codebook)
    assert len(found) == 10
    assert sum("parking" in labels for _, labels in found) == 5


def test_learnt_tags_add_to_the_rules_never_silence_them(decided):
    consultation, codebook = decided
    assert "parking" in learner_for(codebook).learnt_themes
    round_ = consultation.rounds.get()
    [new] = add_answers(
        round_,
        round_.survey.questions.get(),
        ["No parking at the centre, and the bus takes an hour."],
    )
    analyse_answers(answers=load_answers([new.pk]), codebook=codebook)
    tags = {t.theme.key: t for t in ThemeAssignment.objects.filter(answer=new)}
    assert tags["parking"].source == ThemeAssignment.Source.LEARNT
    assert tags["parking"].evidence
    assert tags["one-site"].source == ThemeAssignment.Source.RULE  # the bus rule stands


def test_learning_is_measured_per_theme_and_stored(decided):
    _, codebook = decided
    assert measure_codebook_learning.delay(str(codebook.consultation_id)).get() == 4
    codebook.refresh_from_db()
    first = codebook.learning_stats
    assert first["parking"]["decisions"] == 5
    assert 0 <= first["parking"]["precision"] <= 1
    assert 0 <= first["parking"]["recall"] <= 1
    assert codebook.learning_measured_at is not None
    measure_codebook_learning.delay(str(codebook.consultation_id)).get()
    codebook.refresh_from_db()
    assert codebook.learning_stats == first


@pytest.mark.encoder
def test_the_encoder_can_learn_from_officers_decisions_too(decided, settings):
    settings.ANALYSIS_ENCODER = True
    consultation, codebook = decided
    learner = learner_for(codebook)
    assert learner.encoder is not None
    assert "parking" in learner.learnt_themes
    round_ = consultation.rounds.get()
    [new] = add_answers(
        round_, round_.survey.questions.get(), ["Nowhere to park my car at all."]
    )
    analyse_answers(answers=load_answers([new.pk]), codebook=codebook)
    tag = ThemeAssignment.objects.get(answer=new, theme__key="parking")
    assert tag.source == ThemeAssignment.Source.LEARNT


def test_switching_the_encoder_on_without_it_fails_the_checks(settings, monkeypatch):
    from consult.analysis import checks, encoder

    assert checks.encoder_installed(None) == []
    settings.ANALYSIS_ENCODER = True
    monkeypatch.setattr(encoder.importlib.util, "find_spec", lambda name, *a: None)
    [error] = checks.encoder_installed(None)
    assert error.id == "analysis.E001"
    assert "SB_ANALYSIS_ENCODER is on" in error.msg and "torch" in error.msg
