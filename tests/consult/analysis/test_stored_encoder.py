"""The encoder is fitted, stored and loaded like the rest of the learner: the
``analysis.fit_model`` task fine-tunes it once, and a worker that loads the
stored model predicts with it without fine-tuning its own copy."""

import pytest

from consult.analysis import training
from consult.analysis.encoder import EncoderClassifier
from consult.analysis.fitted import FittedModel
from consult.analysis.text import analyse_many

from .test_learning_from_decisions import PARKING, decided  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.encoder]


def test_a_worker_loads_the_stored_encoder_and_never_fine_tunes(
    decided,  # noqa: F811
    settings,
    monkeypatch,
):
    _, codebook = decided
    settings.ANALYSIS_ENCODER = True
    fitted = training.learner_for(codebook)  # the task fits and stores it
    assert fitted.encoder is not None
    [stored] = FittedModel.objects.filter(codebook=codebook)
    assert stored.status == FittedModel.Status.READY

    training._cache.clear()  # what a fresh worker process starts with

    def fine_tune(*args, **kwargs):
        raise AssertionError("a worker fine-tuned its own encoder")

    monkeypatch.setattr(EncoderClassifier, "train", fine_tune)
    loaded = training.learner_for(codebook)
    assert loaded is not fitted and loaded.encoder is not None
    answers = analyse_many([PARKING[0], "The nurse was kind."])
    for got, expected in zip(
        loaded.probabilities_many(answers),
        fitted.probabilities_many(answers),
        strict=True,
    ):
        assert got == pytest.approx(expected)
