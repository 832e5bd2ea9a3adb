"""What the fault run counts afterwards, in the database, the mail and the
clients' records, and the figures it prints."""

import email
import json
import re
import time
from collections import Counter
from pathlib import Path

# Every current answer to a free-text question; how many have their analysis.
STATE = """
    WITH long_text AS (
      SELECT a.id FROM surveys_answer a
      JOIN surveys_question q ON q.id = a.question_id
      WHERE q.kind = 'long_text' AND a.is_current
    )
    SELECT
      (SELECT count(*) FROM outbox_outboxtask WHERE sent_at IS NULL),
      (SELECT count(*) FROM surveys_response),
      (SELECT count(*) FROM surveys_response WHERE receipt_sent_at IS NOT NULL),
      (SELECT count(*) FROM long_text),
      (SELECT count(*) FROM analysis_answeranalysis
        WHERE answer_id IN (SELECT id FROM long_text))
"""
SUBJECT_REFERENCE = re.compile(r"Your response (SB-[A-Z0-9]+)")


def connect(stack):
    import psycopg

    return psycopg.connect(stack.env["DATABASE_URL"], autocommit=True)


def state(stack) -> dict:
    with connect(stack) as conn:
        row = conn.execute(STATE).fetchone()
    keys = ("outbox_waiting", "responses", "receipts", "answers", "analysed")
    return dict(zip(keys, row, strict=True))


def wait_for_drain(stack, seconds: float) -> float | None:
    """Seconds until every task has run (outbox empty, every answer analysed,
    every receipt sent); None if that did not happen within ``seconds``."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        try:
            now = state(stack)
        except Exception:  # noqa: BLE001 -- the database may still be coming back
            now = None
        if (
            now
            and now["outbox_waiting"] == 0
            and now["analysed"] == now["answers"]
            and now["receipts"] == now["responses"]
        ):
            return time.monotonic() - began
        time.sleep(3)
    return None


def mailed_references(mail_dir: Path) -> Counter:
    """Receipts written by the file e-mail backend, counted by reference."""
    counts = Counter()
    for path in mail_dir.glob("*.log"):
        # The backend separates the messages of one connection with a rule.
        for text in path.read_text(errors="replace").split("-" * 79):
            if text.strip():
                subject = email.message_from_string(text.lstrip())["Subject"] or ""
                if found := SUBJECT_REFERENCE.search(subject):
                    counts[found.group(1)] += 1
    return counts


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


class Report:
    def __init__(self, *, stack, results: Path, faults: list[dict]):
        self.stack, self.faults = stack, faults
        self.requests, self.submissions = [], []
        for line in results.read_text().splitlines():
            entry = json.loads(line)
            kind = entry.pop("kind")
            (self.requests if kind == "request" else self.submissions).append(entry)
        self.load_seconds = 0.0
        self.drain_seconds = None
        self.expected_faults = 0

    def stored(self) -> dict:
        with connect(self.stack) as conn:
            references = Counter(
                r for (r,) in conn.execute("SELECT reference FROM surveys_response")
            )
            per_email = conn.execute(
                "SELECT count(*) FROM (SELECT contact_email FROM surveys_response "
                "GROUP BY contact_email HAVING count(*) > 1) t"
            ).fetchone()[0]
        return {"references": references, "emails_twice": per_email}

    def checks(self) -> list[tuple[str, str, bool]]:
        """(what, figure, passed) for each thing the run must show."""
        accepted = [s["reference"] for s in self.submissions if "reference" in s]
        shown, stored = set(accepted), self.stored()
        refs = set(stored["references"])
        twice = sum(n - 1 for n in stored["references"].values())
        now = state(self.stack)
        mailed = mailed_references(self.stack.mail_dir)
        once = sum(1 for r in refs if mailed[r] == 1)
        unmailed = sum(1 for r in refs if mailed[r] == 0)
        errors = [r for r in self.requests if r["status"] >= 500 or r["status"] == 0]
        other = [r for r in self.requests if 300 <= r["status"] < 500]
        in_load = sum(f["during_load"] for f in self.faults)
        drained = (
            f"{self.drain_seconds:.0f} s after the load"
            if self.drain_seconds is not None
            else "not within the time allowed"
        )
        return [
            (
                "submissions accepted (the client saw its reference)",
                f"{len(accepted)} of {len(self.submissions)} sent",
                len(accepted) == len(self.submissions) > 0,
            ),
            (
                "responses stored = accepted",
                f"{len(refs)} stored; accepted but not stored {len(shown - refs)}; "
                f"stored but not confirmed {len(refs - shown)}",
                refs == shown,
            ),
            (
                "duplicated responses",
                f"{twice + stored['emails_twice']} (a reference or a respondent's "
                f"e-mail twice; {len(accepted) - len(shown)} references shown twice)",
                twice == stored["emails_twice"] == 0 and len(accepted) == len(shown),
            ),
            (
                "free-text answers analysed",
                f"{now['analysed']} of {now['answers']} (one stored analysis each)",
                now["analysed"] == now["answers"] == len(refs),
            ),
            (
                "receipts e-mailed exactly once",
                f"{once} of {len(refs)}; missing {unmailed}, more than once "
                f"{len(refs) - once - unmailed}, e-mails in all {sum(mailed.values())}",
                once == len(refs) == sum(mailed.values()),
            ),
            (
                "outbox drained",
                f"{now['outbox_waiting']} waiting; drained {drained}",
                now["outbox_waiting"] == 0 and self.drain_seconds is not None,
            ),
            (
                "server errors seen by clients (5xx or no answer)",
                f"{len(errors)} of {len(self.requests)} requests{_by_request(errors)}",
                not errors,
            ),
            (
                "other refusals (3xx/4xx where a page was expected)",
                f"{len(other)}{_by_request(other)}",
                not other,
            ),
            (
                "faults applied during the load",
                f"{in_load} of {self.expected_faults}",
                len(self.faults) == in_load == self.expected_faults,
            ),
        ]

    def print(self, say) -> bool:
        """Print the figures and the checks; True if every check passed."""
        checks = self.checks()
        failed = Counter(
            f"{s['failed_at']} ({s['status']} {s.get('page', '')})"
            for s in self.submissions
            if "reference" not in s
        )
        rate = len(self.submissions) / max(self.load_seconds, 1)
        say("")
        say(
            f"Load: {len(self.submissions)} submissions in {self.load_seconds:.0f} s "
            f"({rate:.1f}/s), {len(self.requests)} requests"
        )
        for fault in self.faults:
            say(
                f"Fault: {fault['fault']} at submission {fault['at_submission']} "
                f"(took {fault['seconds']} s)"
            )
        if failed:
            say(f"Failed submissions, by step: {dict(failed)}")
        say("")
        say(f"{'Latency (ms)':38} p50     p95     max")
        for name in sorted({r["name"] for r in self.requests}):
            say(_latency(name, [r["ms"] for r in self.requests if r["name"] == name]))
        whole = [s["ms"] for s in self.submissions if "reference" in s]
        say(_latency("whole submission", whole))
        say("")
        for name, figure, ok in checks:
            say(f"{'PASS' if ok else 'FAIL'}  {name}: {figure}")
        return all(ok for _, _, ok in checks)


def _by_request(requests: list[dict]) -> str:
    if not requests:
        return ""
    return f": {dict(Counter((r['name'], r['status']) for r in requests))}"


def _latency(name: str, ms: list[float]) -> str:
    return (
        f"  {name[:36]:36} {percentile(ms, 0.5):7.0f} {percentile(ms, 0.95):7.0f} "
        f"{max(ms or [0]):7.0f}"
    )
