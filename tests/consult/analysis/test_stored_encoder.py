"""The encoder is fitted, stored and loaded like the rest of the learner: the
``analysis.fit_model`` task fine-tunes it once and stores it exported to ONNX,
quantised to int8; a worker that loads the stored model predicts with
onnxruntime, without fine-tuning its own copy and without PyTorch."""

import json
import os
import subprocess  # noqa: S404 -- runs this interpreter on a file the test wrote
import sys
from collections import Counter

import pytest

from consult.analysis import training
from consult.analysis.encoder import EncoderClassifier
from consult.analysis.encoder_onnx import OnnxScorer
from consult.analysis.fitted import FittedModel
from consult.analysis.text import analyse_many

from .test_learning_from_decisions import PARKING, decided  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.encoder]

TEXTS = [PARKING[0], "The nurse was kind.", "Parking was hard, the staff were kind."]

# A fresh interpreter, as a worker starts: load the stored learner, predict, and
# say which of the heavy packages that needed.
WORKER = """
import json, pickle, sys
import django
django.setup()
from consult.analysis.text import AnalysedText
with open(sys.argv[1], "rb") as f:
    learner = pickle.load(f)
analysed = [AnalysedText.from_dict(d) for d in json.loads(sys.argv[2])]
print(json.dumps({
    "probabilities": learner.probabilities_many(analysed),
    "imported": sorted({"torch", "transformers"} & set(sys.modules)),
    "session": type(learner.encoder._scorer.session).__module__,
}))
"""


@pytest.fixture
def stored_and_loaded(decided, settings):  # noqa: F811
    _, codebook = decided
    settings.ANALYSIS_ENCODER = True
    fitted = training.learner_for(codebook)  # the task fits and stores it
    assert fitted.encoder is not None
    [stored] = FittedModel.objects.filter(codebook=codebook)
    assert stored.status == FittedModel.Status.READY
    return codebook, fitted, stored


def test_the_encoder_is_fitted_once_stored_as_int8_onnx_and_loaded_without_torch(
    stored_and_loaded, monkeypatch, tmp_path
):
    """One fine-tuning (20-30 s), three checks on what it stored."""
    _stored_as_int8_onnx(stored_and_loaded)
    _a_fresh_worker_predicts_without_pytorch(stored_and_loaded, tmp_path)
    _a_worker_loads_it_and_never_fine_tunes(stored_and_loaded, monkeypatch)


def _a_worker_loads_it_and_never_fine_tunes(stored_and_loaded, monkeypatch):
    codebook, fitted, _ = stored_and_loaded
    training._cache.clear()  # what a fresh worker process starts with

    def fine_tune(*args, **kwargs):
        raise AssertionError("a worker fine-tuned its own encoder")

    monkeypatch.setattr(EncoderClassifier, "train", fine_tune)
    loaded = training.learner_for(codebook)
    assert loaded is not fitted and loaded.encoder is not None
    answers = analyse_many(TEXTS)
    for got, expected in zip(
        loaded.probabilities_many(answers),
        fitted.probabilities_many(answers),
        strict=True,
    ):
        assert got == pytest.approx(expected)


def _stored_as_int8_onnx(stored_and_loaded):
    import onnx
    import onnxruntime

    _, fitted, _ = stored_and_loaded
    scorer = fitted.encoder._scorer
    assert isinstance(scorer, OnnxScorer)
    assert isinstance(scorer.session, onnxruntime.InferenceSession)
    ops = Counter(
        node.op_type for node in onnx.load_from_string(scorer.model).graph.node
    )
    # quantize_dynamic turns the float matrix products into integer ones.
    assert ops["MatMulInteger"] >= 36, ops


def _a_fresh_worker_predicts_without_pytorch(stored_and_loaded, tmp_path):
    _, fitted, stored = stored_and_loaded
    blob = tmp_path / "learner.pickle"
    blob.write_bytes(bytes(stored.learner))
    answers = analyse_many(TEXTS)
    run = subprocess.run(  # noqa: S603 -- this interpreter, our own script
        [
            sys.executable,
            "-c",
            WORKER,
            str(blob),
            json.dumps([a.to_dict() for a in answers]),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SB_ENCODER_THREADS": "1"},
        timeout=300,
    )
    worker = json.loads(run.stdout.strip().splitlines()[-1])
    assert worker["imported"] == []
    assert worker["session"].startswith("onnxruntime")
    for got, expected in zip(
        worker["probabilities"], fitted.probabilities_many(answers), strict=True
    ):
        assert got == pytest.approx(expected, abs=1e-5)
