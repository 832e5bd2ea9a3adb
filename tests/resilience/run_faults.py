"""Submissions under load while the stack is broken on purpose (``make resilience``).

Starts an isolated stack (``stack.py``: its own PostgreSQL and Redis, gunicorn
and a Celery worker with beat, production settings, loopback only), then
locust users send ``RESILIENCE_SUBMISSIONS`` responses, ``RESILIENCE_USERS``
at once, through the real three-request flow (``locustfile.py``). During the
load, at set shares of the submissions: the worker is SIGKILLed (with its pool
and beat) and started again, ``RESILIENCE_WORKER_KILLS`` times; Redis is stopped
for ``RESILIENCE_REDIS_DOWN`` seconds and started again; PostgreSQL is restarted
(``RESILIENCE_PG_RESTARTS``). Afterwards it waits (at most
``RESILIENCE_DRAIN_SECONDS``) for the outbox sweep and the worker to finish,
then checks and prints (``checks.py``): submissions accepted (the client saw
its reference) = responses stored, none duplicated, every free-text answer
analysed, every receipt e-mailed exactly once, no server error seen by a
client, and the latencies. Exits 1 if a check fails, 2 if the stack could not
start; tears the stack down either way.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.resilience import checks
from tests.resilience.stack import BIN, ROOT, Stack, StackError

HERE = Path(__file__).resolve().parent


def setting(name: str, default: str) -> str:
    return os.environ.get(f"RESILIENCE_{name}", default)


SUBMISSIONS = int(setting("SUBMISSIONS", "200"))
USERS = int(setting("USERS", "20"))
THINK = float(setting("THINK", "0"))
WORKER_KILLS = int(setting("WORKER_KILLS", "2"))
REDIS_DOWN = float(setting("REDIS_DOWN", "30"))
PG_RESTARTS = int(setting("PG_RESTARTS", "1"))
DRAIN_SECONDS = float(setting("DRAIN_SECONDS", "600"))
# The load must not run for ever: a stuck run stops here and fails.
LOAD_SECONDS = int(setting("LOAD_SECONDS", "3600"))

SETUP = r"""
from datetime import timedelta
from django.utils import timezone
from surveys.models import Consultation, Question, Round, Survey

survey = Survey.objects.create(title="Fault run survey", include_equalities=False)
K = Question.Kind
who = Question.objects.create(survey=survey, sort_order=0, section="Your views",
    kind=K.RESPONDENT_TYPE, label="Which best describes you?", required=True)
views = Question.objects.create(survey=survey, sort_order=1, section="Your views",
    kind=K.LONG_TEXT, label="What would make our services easier to use?",
    required=True)
consultation = Consultation.objects.create(title="Fault run", audience="public")
now = timezone.now()
round_ = Round.objects.create(consultation=consultation, survey=survey,
    opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))
print("RESILIENCE", round_.pk, f"{who.pk},{views.pk}")
"""


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fault_plan() -> list[tuple[float, str]]:
    """(share of the submissions sent, fault), in order."""
    plan = [(share, "kill the worker") for share in (0.15, 0.8, 0.9)[:WORKER_KILLS]]
    if REDIS_DOWN > 0:
        plan.append((0.35, f"stop Redis for {REDIS_DOWN:g} s"))
    plan += [(0.6 + 0.05 * n, "restart PostgreSQL") for n in range(PG_RESTARTS)]
    return sorted(plan)


class Faults(threading.Thread):
    """Breaks the stack as the submissions pass each share of the total."""

    def __init__(self, stack: Stack, progress, load_done: threading.Event):
        super().__init__(daemon=True)
        self.stack, self.progress, self.load_done = stack, progress, load_done
        self.done: list[dict] = []
        self.error: BaseException | None = None

    def run(self):
        try:
            for share, fault in fault_plan():
                while (
                    self.progress() < share * SUBMISSIONS
                    and not self.load_done.is_set()
                ):
                    time.sleep(0.2)
                began, sent = time.time(), self.progress()
                during = not self.load_done.is_set()
                self.apply(fault)
                self.done.append(
                    {
                        "fault": fault,
                        "at_submission": sent,
                        "seconds": round(time.time() - began, 1),
                        "during_load": during,
                        "began": began,
                    }
                )
                took = time.time() - began
                say(f"  fault: {fault} at submission {sent} ({took:.1f} s)")
        except BaseException as exc:  # noqa: BLE001 -- reported by the main thread
            self.error = exc

    def apply(self, fault: str) -> None:
        if fault == "kill the worker":
            self.stack.kill_worker()
            self.stack.start_worker()
        elif fault.startswith("stop Redis"):
            self.stack.stop_redis()
            time.sleep(REDIS_DOWN)
            self.stack.start_redis()
        elif fault == "restart PostgreSQL":
            self.stack.restart_postgres()


class Progress:
    """Submissions finished so far, read from the growing results file."""

    def __init__(self, path: Path):
        self.path, self.offset, self.count = path, 0, 0

    def __call__(self) -> int:
        if self.path.exists():
            with self.path.open("rb") as results:
                results.seek(self.offset)
                chunk = results.read()
            complete = chunk[: chunk.rfind(b"\n") + 1]
            self.offset += len(complete)
            self.count += complete.count(b'"kind": "submission"')
        return self.count


def create_survey(stack: Stack) -> tuple[str, str]:
    out = stack.manage("shell", "-c", SETUP)
    _, round_id, questions = next(
        line for line in out.splitlines() if line.startswith("RESILIENCE")
    ).split()
    return round_id, questions


def warm_up(stack: Stack, round_id: str) -> None:
    """Load every gunicorn worker's templates and URLs before the clock starts:
    a cold worker's first page takes seconds on a busy machine."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    def fetch(_):
        return requests.get(
            f"{stack.base_url}/respond/{round_id}/section/1/",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1"},
            timeout=300,
        ).status_code

    with ThreadPoolExecutor(stack.web_workers * 2) as pool:
        list(pool.map(fetch, range(stack.web_workers * 6)))


def run_load(stack: Stack, results: Path, round_id: str, questions: str) -> int:
    env = {
        **stack.env,
        "RESILIENCE_ROUND": round_id,
        "RESILIENCE_QUESTIONS": questions,
        "RESILIENCE_SUBMISSIONS": str(SUBMISSIONS),
        "RESILIENCE_THINK": str(THINK),
        "RESILIENCE_RUN": stack.dir.name,
        "RESILIENCE_RESULTS": str(results),
    }
    locust = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(max(USERS / 10, 1)),
            "--host",
            stack.base_url,
            "--run-time",
            f"{LOAD_SECONDS}s",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=stack.log("locust"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        return locust.wait(timeout=LOAD_SECONDS + 60)
    finally:
        if locust.poll() is None:
            os.killpg(locust.pid, signal.SIGKILL)


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)  # run the teardown in ``finally``


def main() -> int:
    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix="sb-resilience-"))
    stack = Stack(
        workdir,
        web_workers=int(setting("WEB_WORKERS", "4")),
        concurrency=int(setting("CONCURRENCY", "2")),
    )
    say(
        f"Fault run: {SUBMISSIONS} submissions from {USERS} users; "
        f"faults: {', '.join(f for _, f in fault_plan())}. Logs in {workdir}"
    )
    passed = False
    try:
        started = time.monotonic()
        try:
            stack.start()
            round_id, questions = create_survey(stack)
        except (StackError, subprocess.SubprocessError, OSError) as exc:
            say(f"The stack did not start: {exc}")
            say(getattr(exc, "stderr", "") or "")
            return 2
        warm_up(stack, round_id)
        say(f"  stack up and warm in {time.monotonic() - started:.0f} s")
        results = workdir / "results.jsonl"
        progress, load_done = Progress(results), threading.Event()
        faults = Faults(stack, progress, load_done)
        faults.start()
        load_began = time.time()
        run_load(stack, results, round_id, questions)
        load_done.set()
        load_seconds = time.time() - load_began
        faults.join(timeout=REDIS_DOWN + 300)
        if faults.error:
            say(f"A fault could not be applied: {faults.error!r}")
        if stack.worker is None or stack.worker.poll() is not None:
            stack.start_worker()
        say(f"  load done in {load_seconds:.0f} s; waiting for the queue to drain")
        drained = checks.wait_for_drain(stack, DRAIN_SECONDS)
        report = checks.Report(stack=stack, results=results, faults=faults.done)
        report.load_seconds, report.drain_seconds = load_seconds, drained
        report.expected_faults = len(fault_plan())
        passed = report.print(say) and faults.error is None
        return 0 if passed else 1
    finally:
        stack.stop()
        if passed and setting("KEEP", "0") != "1":
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
        else:
            say(f"Logs and data kept in {workdir}")


if __name__ == "__main__":
    sys.exit(main())
