"""A worker that loads a stored model (``make bench``): its peak memory and how
many answers a second it tags, without and with the fine-tuned encoder.

As on the platform, the learner is fitted once and pickled (what the
``analysis.fit_model`` task stores in ``FittedModel``); a fresh process, like a
worker, then loads it and tags answers already analysed (the platform keeps
each answer's analysis), in chunks of 200. The encoder run needs its optional
packages (``make install-encoder``) and is left out without them; its model is
fine-tuned on fewer answers (``BENCH_ENCODER_EXAMPLES``) to keep the CPU
bounded: prediction speed does not depend on how many it learnt from.

The encoder is measured three ways from the same fine-tuned weights, each in
its own worker: as stored (ONNX, int8), ONNX in float32 and PyTorch eager, the
slow path it replaced. Each worker prints the whole learner's rate and the
encoder's alone; the main process prints how far the ONNX probabilities are
from PyTorch's and each one's sample-F1 on the tagged (held-out) answers.

Targets (issue 11): a worker under 600 MB without the encoder and under
2.5 GB with it; the encoder at least 500 answers a second on 2 cores.
"""

import copy
import os
import pickle
import random
import resource
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("BENCH_EXAMPLES", "2000"))
ENCODER_EXAMPLES = int(os.environ.get("BENCH_ENCODER_EXAMPLES", "300"))
TAGGED = int(os.environ.get("BENCH_TAGGED", "2000"))
CHUNK = 200


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()


def _worker(model_path: str, answers_path: str, eager: bool, out) -> None:
    """A fresh process: load the stored learner, tag the answers in chunks."""
    _setup()
    if eager:  # PyTorch's default is every core; the machine has 2
        import torch

        torch.set_num_threads(2)
    from consult.analysis.learning import encoder_features

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    with open(model_path, "rb") as f:
        learner = pickle.load(f)  # noqa: S301 -- the file this script wrote
    loaded = time.perf_counter() - started_wall
    with open(answers_path, "rb") as f:
        analysed = pickle.load(f)  # noqa: S301 -- the file this script wrote
    got = {"load_s": loaded}
    wall, cpu = time.perf_counter(), time.process_time()
    tagged = 0
    for start in range(0, len(analysed), CHUNK):
        tagged += len(learner.predict_many(analysed[start : start + CHUNK]))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    got.update(rate_wall=tagged / wall, rate_cpu=tagged / cpu)
    if learner.encoder is not None:  # the encoder alone, on the same chunks
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(analysed), CHUNK):
            learner.encoder.scores_many(
                [encoder_features(a, None) for a in analysed[start : start + CHUNK]]
            )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        got.update(encoder_wall=len(analysed) / wall, encoder_cpu=len(analysed) / cpu)
    got.update(
        peak_mb=_peak_mb(),
        total_cpu=time.process_time() - started_cpu,
        torch="torch" in sys.modules,
    )
    out.put(got)


def _peak_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux
    carries that over from the parent through fork and exec, so every worker
    reported the main process's peak, fine-tuning included."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rows():
    from consult.analysis.codebook_files import read_codebook_csv
    from tests.eval.eval_real import EVAL, NHS, nhs_rows

    with (EVAL / "nhs_codebook.csv").open() as f:
        rules = read_codebook_csv(f)
    if not NHS.exists():
        return rules, None
    rows = nhs_rows({r.name: r.key for r in rules})
    random.Random(0).shuffle(rows)
    return rules, rows


def _measure(label, learner, analysed, tmp: Path, eager: bool = False) -> dict:
    model = tmp / "learner.pickle"
    model.write_bytes(pickle.dumps(learner, protocol=pickle.HIGHEST_PROTOCOL))
    answers = tmp / "answers.pickle"
    answers.write_bytes(pickle.dumps(analysed, protocol=pickle.HIGHEST_PROTOCOL))
    ctx = get_context("spawn")
    out = ctx.Queue()
    worker = ctx.Process(target=_worker, args=(str(model), str(answers), eager, out))
    worker.start()
    got = out.get()
    worker.join()
    print(
        f"{label}: stored {model.stat().st_size / 1e6:.1f} MB, loaded in "
        f"{got['load_s']:.1f} s; tagged {len(analysed)} answers at "
        f"{got['rate_wall']:.0f}/s wall, {got['rate_cpu']:.0f}/s per CPU-second; "
        f"worker peak {got['peak_mb']:.0f} MB",
        flush=True,
    )
    if "encoder_wall" in got:
        print(
            f"    the encoder alone: {got['encoder_wall']:.0f} answers/s wall, "
            f"{got['encoder_cpu']:.0f}/s per CPU-second; the worker "
            f"{'imported' if got['torch'] else 'did not import'} torch",
            flush=True,
        )
    return got


def _agreement(variants: dict, analysed, truth) -> None:
    """How far each runtime's encoder is from PyTorch's, and each one's
    sample-F1 (the encoder alone, and averaged with the linear model as the
    platform predicts) on the tagged answers, which it never learnt from."""
    from consult.analysis.learning import encoder_features
    from consult.analysis.tuning import _sample_f1

    features = [encoder_features(a, None) for a in analysed]
    found = {}
    for name, learner in variants.items():
        scores = learner.encoder.scores_many(features)
        tags = [{m.theme for m in ms} for ms in learner.predict_many(analysed)]
        found[name] = scores, tags
    base_scores, base_tags = found["PyTorch"]
    for name, (scores, tags) in found.items():
        diff = max(
            abs(s[k] - b[k])
            for s, b in zip(scores, base_scores, strict=True)
            for k in b
        )
        changed = sum(t != b for t, b in zip(tags, base_tags, strict=True))
        alone = [{max(s, key=s.get)} for s in scores]
        print(
            f"{name}: sample-F1 {_mean_f1(_sample_f1, alone, truth):.3f} (encoder "
            f"alone), {_mean_f1(_sample_f1, tags, truth):.3f} (learner); against "
            f"PyTorch: probabilities differ by at most {diff:.3f}, the themes of "
            f"{changed} of {len(tags)} answers ({changed / len(tags):.1%}) change",
            flush=True,
        )


def _mean_f1(sample_f1, found, truth) -> float:
    return sum(map(sample_f1, found, truth)) / len(truth)


def main() -> int:
    _setup()
    from consult.analysis.encoder import EncoderUnavailable, model_dir
    from consult.analysis.learning import ThemeLearner
    from consult.analysis.text import analyse_many

    rules, rows = _rows()
    if rows is None:
        print("stored model: the NHS set is missing (see eval_real.py); skipped")
        return 0
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    labelled, tagged = rows[:EXAMPLES], rows[EXAMPLES : EXAMPLES + TAGGED]
    learnt = analyse_many(t for _, t, _, _ in labelled)
    analysed = analyse_many(t for _, t, _, _ in tagged)
    examples = list(zip(learnt, (th for _, _, th, _ in labelled), strict=True))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        learner = ThemeLearner(rules).fit(examples)
        _measure("without the encoder", learner, analysed, tmp)
        try:
            model_dir()
        except EncoderUnavailable as exc:
            print(f"with the encoder: left out ({exc})")
            return 0
        started = time.process_time()
        learner = ThemeLearner(rules, encoder=True).fit(examples[:ENCODER_EXAMPLES])
        print(
            f"(learner fitted with the encoder on {ENCODER_EXAMPLES} answers, "
            f"fine-tuned and exported, in {time.process_time() - started:.0f} s "
            "of CPU)",
            flush=True,
        )
        variants = {"ONNX int8 (stored)": learner}
        for name, runtime in (("ONNX float32", "onnx-fp32"), ("PyTorch", "torch")):
            variants[name] = copy.copy(learner)
            variants[name].encoder = learner.encoder.with_runtime(runtime)
        rates = {
            name: _measure(
                f"with the encoder, {name}", v, analysed, tmp, eager=name == "PyTorch"
            )
            for name, v in variants.items()
        }
        eager = rates["PyTorch"]["encoder_wall"]
        print(
            "the encoder alone, against PyTorch: "
            + ", ".join(
                f"{name} {r['encoder_wall'] / eager:.1f}x"
                for name, r in rates.items()
                if name != "PyTorch"
            ),
            flush=True,
        )
        _agreement(variants, analysed, [th for _, _, th, _ in tagged])
    print(f"load average at end:   {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
