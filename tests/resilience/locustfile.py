"""Locust users sending responses through the real three-request flow.

Each submission is a new respondent (no cookies) from an address of its own,
as the TLS proxy production sits behind reports it (``X-Forwarded-For``,
``X-Forwarded-Proto: https``): GET the first (only) section, POST its answers
and get "Check your answers", POST "Send" with an e-mail address for the
receipt and get the confirmation with its reference. The run takes
``RESILIENCE_SUBMISSIONS`` submissions in all, shared by the users, then stops.
Every request and every submission's outcome is written, one JSON object a
line, to ``RESILIENCE_RESULTS`` for the fault script to count.

Run by ``run_faults.py``; not on its own.
"""

import http.cookiejar
import ipaddress
import json
import os
import random
import re
import time

from locust import HttpUser, between, events, task
from locust.exception import StopUser

# The generator stands where the TLS proxy does and talks plain HTTP to the
# app, so cookies the app marks Secure are sent back over it.
http.cookiejar.DefaultCookiePolicy.return_ok_secure = lambda *_: True

ROUND = os.environ["RESILIENCE_ROUND"]
QUESTIONS = os.environ["RESILIENCE_QUESTIONS"].split(",")
SUBMISSIONS = int(os.environ["RESILIENCE_SUBMISSIONS"])
THINK = float(os.environ.get("RESILIENCE_THINK", "0"))
RUN = os.environ.get("RESILIENCE_RUN", "run")
RESULTS = open(os.environ["RESILIENCE_RESULTS"], "a", buffering=1)  # noqa: SIM115
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
REFERENCE = re.compile(r"<strong>(SB-[A-Z0-9]+)</strong>")
TITLE = re.compile(r"<title>([^<]*)</title>")
FIRST_CLIENT = int(ipaddress.ip_address("10.0.0.1"))
WHO = ["Parent or carer", "Young person", "Staff member", "Other"]
VIEWS = [
    "The bus to the family centre stops running at six, so evening sessions "
    "are out of reach for us.",
    "Please keep the library open on Saturdays; it is the only quiet place "
    "my son can do his homework.",
    "Waiting lists for speech therapy are far too long and nobody tells you "
    "where you are on the list.",
    "The new online form kept timing out and I had to start again twice.",
    "Staff at the youth club were brilliant and really listened to the young people.",
]

issued = 0  # submissions handed out; one process, so a plain counter
active_users = 0


def record(**entry) -> None:
    RESULTS.write(json.dumps(entry) + "\n")


def failure(step: str, page) -> dict:
    title = TITLE.search(page.text or "")
    return {
        "failed_at": step,
        "status": page.status_code,
        "page": title.group(1).strip() if title else "",
    }


class Respondent(HttpUser):
    wait_time = between(0, 2 * THINK)

    def on_start(self):
        global active_users
        active_users += 1

    def on_stop(self):
        global active_users
        active_users -= 1
        if active_users == 0 and issued >= SUBMISSIONS:
            self.environment.runner.quit()

    def request(self, name: str, method: str, path: str, number: int, **kwargs):
        """One request, timed and recorded; the response (status 0: no answer)."""
        headers = {
            "X-Forwarded-For": str(ipaddress.ip_address(FIRST_CLIENT + number)),
            "X-Forwarded-Proto": "https",
            # CSRF over HTTPS wants a same-origin Referer, as a browser sends.
            "Referer": f"https://127.0.0.1:{self.host.rsplit(':', 1)[1]}{path}",
        }
        began = time.time()
        with self.client.request(
            method,
            path,
            name=name,
            headers=headers,
            allow_redirects=False,
            timeout=120,
            catch_response=True,
            **kwargs,
        ) as response:
            status = response.status_code or 0
            record(
                kind="request",
                name=name,
                status=status,
                ms=round((time.time() - began) * 1000, 1),
                at=began,
            )
            if status >= 500 or status == 0:
                response.failure(f"{status}")
            return response

    @task
    def submit(self):
        global issued
        if issued >= SUBMISSIONS:
            raise StopUser()
        number = issued
        issued += 1
        self.client.cookies.clear()  # a new respondent, on a device of their own
        began = time.time()
        outcome = self.journey(number)
        record(
            kind="submission",
            number=number,
            began=began,
            ms=round((time.time() - began) * 1000, 1),
            **outcome,
        )

    def journey(self, number: int) -> dict:
        section = f"/respond/{ROUND}/section/1/"
        page = self.request("1 start: GET the questions", "GET", section, number)
        if page.status_code != 200:
            return failure("start", page)
        picks = random.Random(number)
        answers = {
            **dict(HIDDEN.findall(page.text)),  # the CSRF token, "fresh"
            QUESTIONS[0]: picks.choice(WHO),
            QUESTIONS[1]: f"{picks.choice(VIEWS)} ({RUN} {number})",
        }
        checking = self.request(
            "2 answer: POST them, get Check", "POST", section, number, data=answers
        )
        if checking.status_code != 200 or "Check your answers" not in checking.text:
            return failure("answer", checking)
        sent = self.request(
            "3 send: POST Send, get the reference",
            "POST",
            f"/respond/{ROUND}/check/",
            number,
            data={
                "csrfmiddlewaretoken": answers["csrfmiddlewaretoken"],
                "email": f"{RUN}-{number}@example.org",
            },
        )
        found = REFERENCE.search(sent.text or "")
        if sent.status_code != 200 or "Response sent" not in sent.text or not found:
            return failure("send", sent)
        return {"reference": found.group(1)}


@events.quitting.add_listener
def _close(**_kwargs):
    RESULTS.close()
