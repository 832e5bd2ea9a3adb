"""A worker that loads a stored model (``make bench``): its peak memory and how
many answers a second it tags, without and with the fine-tuned encoder.

As on the platform, the learner is fitted once and pickled (what the
``analysis.fit_model`` task stores in ``FittedModel``); a fresh process, like a
worker, then loads it and tags answers already analysed (the platform keeps
each answer's analysis), in chunks of 200. The encoder run needs its optional
packages (``make install-encoder``) and is left out without them; its model is
fine-tuned on fewer answers (``BENCH_ENCODER_EXAMPLES``) to keep the CPU
bounded: prediction speed does not depend on how many it learnt from.

Targets (issue 11): a worker under 600 MB without the encoder and under
2.5 GB with it; the encoder at least 500 answers a second on 2 cores.
"""

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


def _worker(model_path: str, answers_path: str, encoder_only: bool, out) -> None:
    """A fresh process: load the stored learner, tag the answers in chunks."""
    _setup()
    if encoder_only:
        import torch

        torch.set_num_threads(2)
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    with open(model_path, "rb") as f:
        learner = pickle.load(f)  # noqa: S301 -- the file this script wrote
    loaded = time.perf_counter() - started_wall
    with open(answers_path, "rb") as f:
        analysed = pickle.load(f)  # noqa: S301 -- the file this script wrote
    wall, cpu = time.perf_counter(), time.process_time()
    tagged = 0
    for start in range(0, len(analysed), CHUNK):
        tagged += len(learner.predict_many(analysed[start : start + CHUNK]))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out.put(
        {
            "load_s": loaded,
            "rate_wall": tagged / wall,
            "rate_cpu": tagged / cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "total_cpu": time.process_time() - started_cpu,
        }
    )


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


def _measure(label, learner, analysed, tmp: Path, encoder: bool) -> None:
    model = tmp / f"{label}.pickle"
    model.write_bytes(pickle.dumps(learner, protocol=pickle.HIGHEST_PROTOCOL))
    answers = tmp / "answers.pickle"
    answers.write_bytes(pickle.dumps(analysed, protocol=pickle.HIGHEST_PROTOCOL))
    ctx = get_context("spawn")
    out = ctx.Queue()
    worker = ctx.Process(target=_worker, args=(str(model), str(answers), encoder, out))
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
        _measure("without the encoder", learner, analysed, tmp, encoder=False)
        try:
            model_dir()
        except EncoderUnavailable as exc:
            print(f"with the encoder: left out ({exc})")
            return 0
        started = time.process_time()
        learner = ThemeLearner(rules, encoder=True).fit(examples[:ENCODER_EXAMPLES])
        print(
            f"(encoder fine-tuned on {ENCODER_EXAMPLES} answers in "
            f"{time.process_time() - started:.0f} s of CPU)",
            flush=True,
        )
        _measure("with the encoder", learner, analysed, tmp, encoder=True)
    print(f"load average at end:   {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
