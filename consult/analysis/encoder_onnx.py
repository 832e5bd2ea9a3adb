"""The fine-tuned encoder as an ONNX model, for fast prediction on the CPU.

PyTorch's eager mode tagged 30 to 160 answers a second on 2 cores; the same
weights exported to ONNX, their matrix products quantised to int8
(``onnxruntime.quantization.quantize_dynamic``), run several times faster in
onnxruntime, a quarter of the size. ``export_onnx`` needs PyTorch and runs once,
where the encoder is fine-tuned; ``OnnxScorer`` needs only onnxruntime and
``tokenizers``, so that a worker that loads a stored model never imports torch.
"""

import contextlib
import io
import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

# Threads per prediction; by default every core, as PyTorch does. A host running
# several workers side by side would set it to its cores per worker.
THREADS_ENV = "SB_ENCODER_THREADS"


def threads() -> int:
    return int(os.environ.get(THREADS_ENV) or os.cpu_count() or 1)


class OnnxScorer:
    """Logits of an exported model for a batch of texts. Pickles as the model's
    bytes and the tokenizer's JSON; the session is built on first use."""

    # Answers per call. The int8 model scored about 500 NHS comments per
    # CPU-second in batches of 8 or 16, 400 in 32 and 350 in 64 (the extra
    # padding explains a seventh of that; the rest is the larger matrices).
    batch = 16

    def __init__(self, model: bytes, tokenizer_json: str, max_tokens: int):
        self.model = model
        self.tokenizer_json = tokenizer_json
        self.max_tokens = max_tokens
        self._session = self._tokenizer = None

    def __getstate__(self) -> dict:
        return {
            "model": self.model,
            "tokenizer_json": self.tokenizer_json,
            "max_tokens": self.max_tokens,
        }

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    @property
    def session(self):
        if self._session is None:
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.intra_op_num_threads = threads()
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            # Idle threads sleep instead of spinning: on a shared, busy host
            # spinning cost a third of the answers per CPU-second, for no gain.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(
                self.model, options, providers=["CPUExecutionProvider"]
            )
        return self._session

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_str(self.tokenizer_json)
            # As the training batches were: cut at max_tokens, padded to the
            # longest in the batch (the model's file pads every text to 128).
            tokenizer.enable_truncation(self.max_tokens)
            pad = tokenizer.padding or {}
            tokenizer.no_padding()
            tokenizer.enable_padding(
                pad_id=pad.get("pad_id", 0), pad_token=pad.get("pad_token", "[PAD]")
            )
            self._tokenizer = tokenizer
        return self._tokenizer

    def logits(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        inputs = {
            "input_ids": [e.ids for e in encoded],
            "attention_mask": [e.attention_mask for e in encoded],
            "token_type_ids": [e.type_ids for e in encoded],
        }
        wanted = {i.name for i in self.session.get_inputs()}
        feed = {
            k: np.array(v, dtype=np.int64) for k, v in inputs.items() if k in wanted
        }
        return self.session.run(None, feed)[0]


def export_onnx(model, tokenizer, *, max_tokens: int, quantise: bool) -> OnnxScorer:
    """The fine-tuned PyTorch model (``AutoModelForSequenceClassification``) and
    its fast tokenizer as an ``OnnxScorer``, int8 with ``quantise``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Two texts of different lengths: a size of one would be fixed in the graph.
    sample = dict(tokenizer(["a b", "c"], padding=True, return_tensors="pt"))
    batch = torch.export.Dim("batch", min=1)
    tokens = torch.export.Dim("tokens", min=1, max=max_tokens)
    with _quiet():
        program = torch.onnx.export(
            model.eval(),
            kwargs=sample,
            dynamo=True,  # the TorchScript exporter mis-handled the padding mask
            dynamic_shapes={name: {0: batch, 1: tokens} for name in sample},
            input_names=list(sample),
            output_names=["logits"],
            verbose=False,
        )
        proto = program.model_proto
        # The exporter's shape annotations trip the quantiser's shape inference
        # ("384 vs 49"); onnxruntime infers them again without.
        del proto.graph.value_info[:]
        if quantise:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "int8.onnx"
                quantize_dynamic(proto, out, weight_type=QuantType.QInt8)
                data = out.read_bytes()
        else:
            data = proto.SerializeToString()
    return OnnxScorer(data, tokenizer.backend_tokenizer.to_str(), max_tokens)


@contextlib.contextmanager
def _quiet():
    """The exporter's and the quantiser's progress and advice stay out of the
    command's output (analyse_file prints what it did)."""
    loggers = [logging.getLogger(), logging.getLogger("torch")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
