"""The optional fine-tuned encoder: it learns, it sits behind NLTK's interface,
the learner averages it with the linear model, and analyse_file offers it.

Tests marked ``encoder`` fine-tune all-MiniLM-L6-v2 on a few dozen sentences
(seconds); they skip without requirements-encoder.txt and must run on CI.
"""

import csv
import importlib.util
import pickle  # noqa: S403 -- round-trips the classifier this test fitted
import sys

import pytest
from django.core.management import CommandError, call_command
from nltk.classify.api import ClassifierI

from consult.analysis import encoder as encoder_module
from consult.analysis.encoder import EncoderClassifier, EncoderUnavailable, batches
from consult.analysis.learning import ThemeLearner, encoder_features
from consult.analysis.matching import ThemeRule
from consult.analysis.text import analyse_many

TRAIN = {
    "parking": [
        "There is never anywhere to park the car.",
        "The car park is full every morning.",
        "Parking costs far too much for visitors.",
        "I drove round for half an hour looking for a space.",
        "More spaces for cars please.",
        "Parking charges are a rip off.",
        "The multi-storey was closed so I parked on the street.",
        "Disabled bays were all taken.",
    ],
    "food": [
        "The meals were cold and tasteless.",
        "Lunch was lovely, a hot dinner and pudding.",
        "The sandwiches were stale.",
        "Nothing to eat for vegetarians.",
        "Breakfast came late and the toast was burnt.",
        "The cafe food was overpriced.",
        "Tea and biscuits were brought round often.",
        "My dinner tray was taken before I had eaten.",
    ],
    "staff": [
        "The nurses were kind and caring.",
        "The doctor listened to me and explained everything.",
        "Reception staff were rude.",
        "The midwife was wonderful throughout.",
        "Staff were friendly and helpful.",
        "The consultant did not introduce himself.",
        "Healthcare assistants went above and beyond.",
        "The porter was patient and cheerful.",
    ],
}
UNSEEN = [
    ("No room to leave my car anywhere near the entrance.", "parking"),
    ("We paid eight pounds to park for two hours.", "parking"),
    ("The soup was cold and the bread was dry.", "food"),
    ("There was no choice of meals for my diet.", "food"),
    ("The nurse who looked after me was very gentle.", "staff"),
    ("Doctors took the time to answer our questions.", "staff"),
]
RULES = [ThemeRule(key, key.title()) for key in TRAIN]


def _examples():
    texts = [t for key in TRAIN for t in TRAIN[key]]
    labels = [key for key in TRAIN for _ in TRAIN[key]]
    return texts, labels


# The tests that share this fine-tuned model run on one xdist process (make
# test's --dist loadgroup), so that it is fine-tuned once, not once in each.
ONE_PROCESS = pytest.mark.xdist_group("encoder-single-label")


@pytest.fixture(scope="module")
def single_label():
    texts, labels = _examples()
    return EncoderClassifier.train(
        [({"text": t}, label) for t, label in zip(texts, labels, strict=True)],
        epochs=8,
    )


@pytest.mark.encoder
@ONE_PROCESS
def test_fine_tuned_encoder_learns_themes_it_was_shown(single_label):
    predicted = single_label.classify_many([{"text": t} for t, _ in UNSEEN])
    right = sum(p == truth for p, (_, truth) in zip(predicted, UNSEEN, strict=True))
    assert right >= 5, list(zip(predicted, UNSEEN, strict=True))


@pytest.mark.encoder
@ONE_PROCESS
def test_encoder_is_an_nltk_classifier_with_distributions(single_label):
    assert isinstance(single_label, ClassifierI)
    assert single_label.labels() == ["food", "parking", "staff"]
    dist = single_label.prob_classify({"text": "The car park was full."})
    assert sum(dist.prob(label) for label in dist.samples()) == pytest.approx(1.0)
    assert dist.max() == "parking"


@pytest.mark.encoder
@ONE_PROCESS
def test_it_predicts_with_int8_onnx_as_pytorch_did_and_pickles_without_torch(
    single_label,
):
    featuresets = [{"text": t} for t, _ in UNSEEN] + [{"text": "Parking."}]
    assert single_label.runtime == "onnx"
    eager = single_label.with_runtime("torch")
    assert eager.runtime == "torch"
    onnx_scores = single_label.scores_many(featuresets)
    for got, expected in zip(onnx_scores, eager.scores_many(featuresets), strict=True):
        # int8 weights move a probability by a few hundredths at most.
        assert got == pytest.approx(expected, abs=0.05)
        assert max(got, key=got.get) == max(expected, key=expected.get)
    loaded = pickle.loads(pickle.dumps(single_label))  # noqa: S301 -- our own
    assert loaded.runtime == "onnx"
    for got, expected in zip(loaded.scores_many(featuresets), onnx_scores, strict=True):
        assert got == pytest.approx(expected)
    # The PyTorch model stays in the process that fine-tuned it.
    with pytest.raises(ValueError, match="freshly fine-tuned"):
        loaded.with_runtime("torch")


@pytest.mark.encoder
@ONE_PROCESS
def test_an_encoder_pickled_before_the_onnx_export_still_predicts(single_label):
    # What the pickle of an EncoderClassifier held until the export existed.
    model, tokenizer = single_label._fine_tuned
    legacy = {
        "_model": model,
        "_tokenizer": tokenizer,
        "_labels": single_label.labels(),
        "multi_label": False,
    }
    loaded = EncoderClassifier.__new__(EncoderClassifier)
    loaded.__setstate__(legacy)
    assert loaded.runtime == "torch"
    featuresets = [{"text": t} for t, _ in UNSEEN]
    eager = single_label.with_runtime("torch").scores_many(featuresets)
    for got, expected in zip(loaded.scores_many(featuresets), eager, strict=True):
        assert got == pytest.approx(expected)


@pytest.mark.encoder
def test_multi_label_encoder_scores_each_theme_on_its_own():
    texts, labels = _examples()
    pairs = [({"text": t}, {label}) for t, label in zip(texts, labels, strict=True)]
    both = "The food was cold and there was nowhere to park."
    pairs += [({"text": both}, {"food", "parking"})] * 4
    clf = EncoderClassifier.train(pairs, multi_label=True, epochs=8)
    scores = clf.scores_many([{"text": "The car park was full again."}])[0]
    assert set(scores) == {"food", "parking", "staff"}
    assert scores["parking"] > 0.5 > max(scores["food"], scores["staff"])
    with pytest.raises(TypeError, match="scores_many"):
        clf.prob_classify({"text": "x"})


@pytest.mark.encoder
def test_learner_averages_the_linear_model_and_the_encoder():
    texts, labels = _examples()
    analysed = analyse_many(texts)
    examples = [(a, {label}) for a, label in zip(analysed, labels, strict=True)]
    blended = ThemeLearner(RULES, encoder=True).fit(examples)
    linear = ThemeLearner(RULES).fit(examples)
    answer = analyse_many(["The car park was full again."])[0]
    encoded = blended.encoder.scores_many([encoder_features(answer, None)])[0]
    expected = linear.probabilities(answer)
    got = blended.probabilities(answer)
    for theme in TRAIN:
        # Half each, to float32 precision (the encoder scores in float32).
        assert got[theme] == pytest.approx(
            (expected[theme] + encoded[theme]) / 2, abs=1e-5
        )
    assert blended.predict(answer)[0].theme == "parking"


def test_batches_cover_every_example_once_in_similar_lengths():
    import random

    lengths = [random.Random(i).randint(1, 300) for i in range(1000)]  # noqa: S311
    out = batches(lengths, 16, random.Random(0))  # noqa: S311
    assert sorted(i for batch in out for i in batch) == list(range(1000))
    # Sorted within pools: a batch spans far less than the whole range of lengths.
    spans = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in out]
    assert sum(spans) / len(spans) < 30


def test_missing_packages_are_named(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        encoder_module.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "torch" else real(name, *a),
    )
    with pytest.raises(EncoderUnavailable, match="needs torch.*make install-encoder"):
        encoder_module.model_dir()


def test_packages_that_do_not_load_are_reported(monkeypatch):
    # As with PyPI's CUDA build of PyTorch installed without its CUDA libraries.
    monkeypatch.setattr(
        encoder_module.importlib.util, "find_spec", lambda name, *a: object()
    )
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(EncoderUnavailable, match="installed but do not load"):
        encoder_module.model_dir()


@pytest.mark.encoder
def test_a_missing_model_folder_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("SB_ENCODER_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(EncoderUnavailable, match="nowhere holds no model"):
        encoder_module.model_dir()


def _write(path, header, rows):
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def files(tmp_path):
    codebook = tmp_path / "codebook.csv"
    _write(
        codebook,
        ["key", "name", "description", "signals", "exclusions", "parent"],
        # The theme's own name as its one signal: a codebook with none is refused.
        [(key, key.title(), "", key, "", "") for key in TRAIN],
    )
    texts, labels = _examples()
    labelled = tmp_path / "labelled.csv"
    _write(
        labelled,
        ["id", "text", "themes"],
        [
            (f"l{i}", t, lab)
            for i, (t, lab) in enumerate(zip(texts, labels, strict=True))
        ],
    )
    answers = tmp_path / "answers.csv"
    _write(answers, ["id", "text"], [(f"a{i}", t) for i, (t, _) in enumerate(UNSEEN)])
    return codebook, labelled, answers, tmp_path / "tags.csv"


def test_analyse_file_encoder_needs_labelled_answers(files):
    codebook, _, answers, out = files
    with pytest.raises(CommandError, match="--encoder learns from --labelled"):
        call_command(
            "analyse_file", "--codebook", str(codebook), "--input", str(answers),
            "--output", str(out), "--encoder",
        )  # fmt: skip
    assert not out.exists()


@pytest.mark.encoder
def test_analyse_file_with_the_encoder(files, capsys):
    codebook, labelled, answers, out = files
    call_command(
        "analyse_file", "--codebook", str(codebook), "--input", str(answers),
        "--output", str(out), "--labelled", str(labelled), "--single-label",
        "--encoder",
    )  # fmt: skip
    assert "with the encoder" in capsys.readouterr().out
    with out.open() as f:
        rows = list(csv.DictReader(f))
    right = sum(
        row["themes"] == truth for row, (_, truth) in zip(rows, UNSEEN, strict=True)
    )
    assert right >= 5, rows
