"""Survey submissions over HTTP against a plain Wagtail form page (``make bench``).

Serves the app with gunicorn on PostgreSQL and submits, for a fixed time,
through our survey (the question page, check your answers, the confirmation:
three requests, GET the questions, POST them and get the check page, POST
"Send" and get the confirmation; the draft kept server-side) and through a
``wagtail.contrib.forms`` page asking the same three questions (GET, POST).
Both journeys start where the consultation page's link leads: the survey's
first question ("Start now" links straight to it; the draft is made when it
is sent), the form page's form. A survey submission counts when it shows a
reference not seen before.
Two measurements, each for both flows:

- capacity: ``BENCH_USERS`` (50) users with no pause at all, which saturates the
  server (and the load generator, on the same cores): submissions per second
  is the most the machine takes, and latency is then mostly queueing
  (Little's law: in-flight requests / throughput).
- people: ``BENCH_PACED_USERS`` (50) people responding at once, each reading
  and typing for ``BENCH_THINK`` seconds (6, varied by +-50%) per submission,
  the same for both flows: on the survey split across its pages (three
  quarters reading and typing the answers, a quarter checking), on the form
  page all before sending it. This is the latency a respondent sees at a busy
  moment. ``BENCH_MODES=people`` (or ``capacity``) runs one of the two.

Prints submissions per second, p50/p95 latency of the request that saves the
submission (with its redirect) and of the whole submission (requests only,
not the pauses), the gunicorn workers' CPU time per submission (steady when
other processes compete for the cores, unlike latency), their ratios, and lost
or duplicated submissions (counted in the database against what the clients
saw succeed).

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1/sb_bench,
created afresh) and Redis for the cache that sessions are read from, as in
production (BENCH_CACHE_URL, default redis://127.0.0.1:6379/6;
BENCH_SESSION_ENGINE=django.contrib.sessions.backends.db to leave it out).

Celery's broker is Redis too, as in production (BENCH_BROKER_URL, default
redis://127.0.0.1:6379/7, a db of its own, emptied before and after the run):
sending a response enqueues the analysis of its free text, and workers on
other hosts do that work, so no worker runs during the measurement and the
web tier's cost is the enqueue. Without Redis the tasks run eagerly inside the
send request, and the script says so. Serves only on 127.0.0.1 and stops by
itself.
"""

import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
PACED_USERS = int(os.environ.get("BENCH_PACED_USERS", "50"))
PACED_SECONDS = float(os.environ.get("BENCH_PACED_SECONDS", "30"))
THINK = float(os.environ.get("BENCH_THINK", "6"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
MODES = os.environ.get("BENCH_MODES", "capacity,people").split(",")
PORT = int(os.environ.get("BENCH_PORT", "8150"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sb_bench"
)
BASE = f"http://127.0.0.1:{PORT}"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A form's hidden fields, which a browser sends back with it.
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
REFERENCE = re.compile(r"<strong>(SB-[A-Z0-9]+)</strong>")
# References the clients have seen: a resend showing one again is no new response.
seen_references: set[str] = set()
seen_lock = threading.Lock()
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": "benchmark-only-" + "x" * 40,
    # As in production: persistent connections, sessions read from Redis.
    "CONN_MAX_AGE": "60",
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/6"),
    "SESSION_ENGINE": os.environ.get(
        "BENCH_SESSION_ENGINE", "django.contrib.sessions.backends.cached_db"
    ),
    # Tasks (the analysis of each response's free text) are enqueued on Redis,
    # as in production, where workers on other hosts do that work. No worker
    # runs here: the web tier's cost is the enqueue.
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/7"),
}


def fresh_database() -> None:
    import psycopg

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v0")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except (redis.RedisError, ValueError):
        return False


def purge_broker() -> int:
    """Empty the benchmark's own broker db; return how many tasks were queued."""
    import redis

    broker = redis.Redis.from_url(ENV["CELERY_BROKER_URL"], socket_timeout=2)
    queued = broker.llen("celery")
    broker.flushdb()
    return queued


def manage(*args) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


SETUP = r"""
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
from cms.demo import install_home_page
from surveys.models import Consultation, Question, Round, Survey
from tests.benchmarks.formpage.models import BenchFormField, BenchFormPage

survey = Survey.objects.create(title="Bench survey", include_equalities=False)
K = Question.Kind
for i, (kind, label, options) in enumerate([
    (K.RESPONDENT_TYPE, "Which best describes you?", ""),
    (K.AGREE_SCALE, "One front door is a good idea", ""),
    (K.LONG_TEXT, "What would make it easier to ask for help?", ""),
]):
    Question.objects.create(survey=survey, sort_order=i, section="Your views", kind=kind,
                            label=label, options=options, required=i < 2)
consultation = Consultation.objects.create(title="Bench", audience="public")
now = timezone.now()
round_ = Round.objects.create(consultation=consultation, opens_at=now - timedelta(days=1),
                              closes_at=now + timedelta(days=1), survey=survey)
home = install_home_page()
form = BenchFormPage(title="Bench form", slug="bench-form")
home.add_child(instance=form)
choices = {"Which best describes you?": Question.FIXED_CHOICES[K.RESPONDENT_TYPE],
           "One front door is a good idea": Question.FIXED_CHOICES[K.AGREE_SCALE]}
for i, label in enumerate(choices):
    BenchFormField.objects.create(page=form, sort_order=i, label=label, field_type="radio",
                                  choices="\n".join(choices[label]), required=True)
BenchFormField.objects.create(page=form, sort_order=2, label="What would make it easier to ask for help?",
                              field_type="multiline", required=False)
form.save_revision().publish()
questions = list(survey.questions.order_by("sort_order").values_list("pk", flat=True))
print("BENCH", round_.pk, form.url, *questions)
"""


def setup() -> tuple[str, str, list[str]]:
    line = next(
        x for x in manage("shell", "-c", SETUP).splitlines() if x.startswith("BENCH")
    )
    _, round_id, form_url, *questions = line.split()
    return round_id, form_url, questions


class Clock:
    """Time spent waiting for the server, leaving out the pauses to read and type."""

    def __init__(self, think):
        self.think, self.waited = think, 0.0
        self.mark = time.perf_counter()

    def pause(self, share: float) -> None:
        self.waited += time.perf_counter() - self.mark
        self.think(share)
        self.mark = time.perf_counter()

    def total(self) -> float:
        return self.waited + time.perf_counter() - self.mark


def survey_submission(session, round_id, questions, timings, think) -> bool:
    clock = Clock(think)
    # The consultation page's "Start now" links here, as the form page's link
    # leads to the form: the journey starts at the first question.
    page = session.get(f"{BASE}/respond/{round_id}/section/1/")
    token = CSRF.search(page.text).group(1)
    clock.pause(0.75)  # reads and answers the questions
    answers = {
        **dict(HIDDEN.findall(page.text)),  # the CSRF token, "fresh" (no draft yet)
        questions[0]: "Parent or carer",
        questions[1]: "Agree",
        questions[2]: "An evening phone line, please.",
    }
    # The last (here the only) section answers with "Check your answers".
    checking = session.post(f"{BASE}/respond/{round_id}/section/1/", answers)
    clock.pause(0.25)  # checks the answers
    saving = time.perf_counter()
    done = session.post(
        f"{BASE}/respond/{round_id}/check/", {"csrfmiddlewaretoken": token}
    )
    end = time.perf_counter()
    reference = REFERENCE.search(done.text)
    with seen_lock:
        new = reference is not None and reference.group(1) not in seen_references
        if new:
            seen_references.add(reference.group(1))
    ok = (
        "Check your answers" in checking.text
        and done.status_code == 200
        and "Response sent" in done.text
        and new
    )
    timings.append((end - saving, clock.total(), ok))
    # The next submission is a new respondent: without this one's draft.
    for cookie in ("sessionid", "sb_drafts"):
        session.cookies.pop(cookie, None)
    return ok


def form_submission(session, form_url, _questions, timings, think) -> bool:
    clock = Clock(think)
    page = session.get(BASE + form_url)
    token = CSRF.search(page.text).group(1)
    clock.pause(1.0)  # reads, answers and checks, all on the one page
    saving = time.perf_counter()
    done = session.post(
        BASE + form_url,
        {
            "csrfmiddlewaretoken": token,
            "which_best_describes_you": "Parent or carer",
            "one_front_door_is_a_good_idea": "Agree",
            "what_would_make_it_easier_to_ask_for_help": "An evening phone line, please.",
        },
    )
    end = time.perf_counter()
    ok = done.status_code == 200 and "Thank you" in done.text
    timings.append((end - saving, clock.total(), ok))
    return ok


def server_cpu_seconds(server_pid: int) -> float:
    """CPU time used so far by the gunicorn workers (children of ``server_pid``).

    Unlike latency, CPU per submission hardly moves when other processes compete
    for the cores, so it compares the two flows' cost on a busy machine.
    """
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process has gone
        if int(fields[1]) == server_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def drive(
    submit, target, questions, users: int, seconds: float, think: float, cpu
) -> dict:
    """``users`` threads submitting for ``seconds``, pausing ``think`` s a submission."""
    import requests

    timings: list = []
    cpu_before = cpu()
    stop = time.monotonic() + seconds

    def user(number):
        # The same pauses, in the same order, for both flows.
        pauses = random.Random(number)

        def pause(share):
            if think:
                time.sleep(share * think * pauses.uniform(0.5, 1.5))

        if think:  # people arrive over the first pause, not all at once
            time.sleep(pauses.uniform(0, think))
        with requests.Session() as session:
            while time.monotonic() < stop:
                try:
                    submit(session, target, questions, timings, pause)
                except Exception:  # noqa: BLE001 -- a failed submission is counted
                    timings.append((0, 0, False))

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - begin
    cpu_used = cpu() - cpu_before
    good = [t for t in timings if t[2]]
    if not good:
        raise RuntimeError(f"no submission succeeded ({len(timings)} tried)")
    saving = sorted(t[0] for t in good)
    whole = sorted(t[1] for t in good)
    return {
        "ok": len(good),
        "failed": len(timings) - len(good),
        "per_second": len(good) / elapsed,
        "p50": statistics.median(saving) * 1000,
        "p95": saving[int(len(saving) * 0.95)] * 1000,
        "whole_p50": statistics.median(whole) * 1000,
        "whole_p95": whole[int(len(whole) * 0.95)] * 1000,
        "cpu_ms": cpu_used / len(good) * 1000,
    }


def stored_counts() -> tuple[int, int]:
    out = manage(
        "shell",
        "-c",
        (
            "from surveys.models import Response; "
            "from wagtail.contrib.forms.models import FormSubmission; "
            "print('BENCH', Response.objects.count(), FormSubmission.objects.count())"
        ),
    )
    line = next(x for x in out.splitlines() if x.startswith("BENCH"))
    _, responses, submissions = line.split()
    return int(responses), int(submissions)


def main() -> int:
    try:
        fresh_database()
    except Exception as exc:  # noqa: BLE001
        print(f"Needs PostgreSQL at {DATABASE_URL}: {exc}")
        return 2
    if "cached_db" in ENV["SESSION_ENGINE"] and not redis_answers(ENV["CACHE_URL"]):
        print(f"No Redis at {ENV['CACHE_URL']}: sessions in the database only")
        ENV["SESSION_ENGINE"] = "django.contrib.sessions.backends.db"
        ENV["CACHE_URL"] = "locmemcache://"
    if redis_answers(ENV["CELERY_BROKER_URL"]):
        purge_broker()
    else:
        print(
            f"No Redis at {ENV.pop('CELERY_BROKER_URL')}: tasks run eagerly, inside "
            "the web requests (not as in production; the survey pays for analysis)"
        )
    round_id, form_url, questions = setup()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "consult.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            WORKERS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        import requests

        for _ in range(60):
            try:
                requests.get(f"{BASE}/health/", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.5)
        print(
            f"gunicorn {WORKERS} workers, PostgreSQL, sessions "
            f"{ENV['SESSION_ENGINE'].rsplit('.', 1)[-1]}, "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        results = {}
        # Warm every worker up (templates, caches, connections) before measuring.
        for name, submit, target in (
            ("survey", survey_submission, round_id),
            ("form", form_submission, form_url),
        ):
            results["warm-up", name] = drive(
                submit, target, questions, 8, 3, 0.0, lambda: 0.0
            )
        for mode, users, seconds, think in (
            ("capacity", USERS, SECONDS, 0.0),
            ("people", PACED_USERS, PACED_SECONDS, THINK),
        ):
            if mode not in MODES:
                continue
            for name, submit, target in (
                ("survey", survey_submission, round_id),
                ("form", form_submission, form_url),
            ):
                results[mode, name] = drive(
                    submit,
                    target,
                    questions,
                    users,
                    seconds,
                    think,
                    lambda: server_cpu_seconds(server.pid),
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    responses, submissions = stored_counts()
    queued = purge_broker() if "CELERY_BROKER_URL" in ENV else None
    for mode, heading in (
        ("capacity", f"Capacity: {USERS} users, no pauses, {SECONDS:.0f} s per flow"),
        (
            "people",
            f"People: {PACED_USERS} users, {THINK:.0f} s reading and typing per "
            f"submission, {PACED_SECONDS:.0f} s per flow",
        ),
    ):
        if mode not in MODES:
            continue
        print(heading)
        survey, form = results[mode, "survey"], results[mode, "form"]
        for name, r in (
            ("survey (3 pages)", survey),
            ("Wagtail form page (1 page)", form),
        ):
            print(
                f"  {name:27} {r['per_second']:6.1f} submissions/s  saving request "
                f"p50 {r['p50']:5.0f} ms p95 {r['p95']:5.0f} ms  whole submission "
                f"p50 {r['whole_p50']:5.0f} ms p95 {r['whole_p95']:5.0f} ms  "
                f"app CPU {r['cpu_ms']:4.0f} ms  failed {r['failed']}"
            )
        print(
            f"  survey / form page, submissions per second: "
            f"{survey['per_second'] / form['per_second']:.2f}   (target >= 1.0)"
        )
        print(
            f"  survey / form page, saving request p95:     "
            f"{survey['p95'] / form['p95']:.2f}   (survey p95 target < 200 ms)"
        )
        print(
            f"  survey / form page, app server CPU per submission: "
            f"{survey['cpu_ms'] / form['cpu_ms']:.2f}"
        )
    survey_ok = sum(r["ok"] for (_, name), r in results.items() if name == "survey")
    form_ok = sum(r["ok"] for (_, name), r in results.items() if name == "form")
    print(
        f"lost or duplicated: survey {responses - survey_ok:+d}, "
        f"form page {submissions - form_ok:+d} (stored minus seen to succeed)"
    )
    if queued is not None:
        print(
            f"analysis tasks left queued for workers: {queued} "
            f"(one per response with free text; purged)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
