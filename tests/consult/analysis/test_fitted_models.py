"""Fit once, store, load: a task fits the learner and stores it by version;
workers load it and never fit their own copy."""

import pytest
from django.core.management import call_command

from consult.analysis import training
from consult.analysis.fitted import FittedModel
from consult.analysis.models import ThemeAssignment
from consult.analysis.services import add_theme

from .test_learning_from_decisions import PARKING, decided  # noqa: F401

pytestmark = pytest.mark.django_db


def forget_loaded_learners():
    """What a fresh worker process starts with."""
    training._cache.clear()


def test_the_first_worker_has_the_model_fitted_and_stored(decided):  # noqa: F811
    _, codebook = decided
    learner = training.learner_for(codebook)
    assert "parking" in learner.learnt_themes
    [stored] = FittedModel.objects.filter(codebook=codebook)
    assert stored.status == FittedModel.Status.READY
    assert stored.version == training.model_version(codebook)
    assert stored.examples == 10 and stored.size > 0


def test_other_workers_load_the_stored_model_without_fitting(decided):  # noqa: F811
    _, codebook = decided
    training.learner_for(codebook)
    first = FittedModel.objects.get(codebook=codebook)
    forget_loaded_learners()
    learner = training.learner_for(codebook)
    again = FittedModel.objects.get(codebook=codebook)
    assert (again.pk, again.finished_at) == (first.pk, first.finished_at)
    assert "parking" in learner.learnt_themes


def test_a_new_decision_is_a_new_version_and_the_old_one_goes(decided, officer):  # noqa: F811
    consultation, codebook = decided
    training.learner_for(codebook)
    old = FittedModel.objects.get(codebook=codebook).version
    answer = consultation.rounds.get().responses.first().answers.first()
    add_theme(answer=answer, theme=codebook.themes.get(key="one-site"), user=officer)
    training.learner_for(codebook)
    [stored] = FittedModel.objects.filter(codebook=codebook)
    assert stored.version != old and stored.status == FittedModel.Status.READY
    assert ThemeAssignment.objects.filter(decision="confirmed").count() == 6


def test_fitting_is_idempotent_and_shows_progress(decided, capsys):  # noqa: F811
    consultation, codebook = decided
    call_command("fit_theme_model", str(consultation.pk))
    out = capsys.readouterr().out
    assert "Fitting on 10 decided answers" in out and "ready:" in out
    first = FittedModel.objects.get(codebook=codebook)
    assert training.fit_model(codebook=codebook).finished_at == first.finished_at
    assert PARKING  # the decided answers are the parking ones
