"""The equality evidence page on the demo: first load in a fresh process and
warm loads, with the evidence stored (as beat's task leaves it) and without
(built in the request, as before it was stored).

Needs a seeded demo database (``manage.py migrate`` then ``seed_demo``, with
the settings it is read with: ``consult.settings.dev`` unless
``DJANGO_SETTINGS_MODULE`` says otherwise) in ``DATABASE_URL``. Each measure runs in a new Python process, so "cold" means
cold: nothing imported, no caches. Prints figures; never asserts a time.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python tests/benchmarks/bench_equality_evidence.py
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARM_REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))


def _one(mode: str) -> None:
    """In a fresh process: time the page's first load, then warm loads."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.dev")
    import django

    django.setup()
    from django.test import Client

    from consult.accounts.models import User
    from consult.reports.equalities.models import EvidenceSnapshot
    from surveys.models import EqualityMonitoring

    setup = time.perf_counter() - started
    consultation_id = (
        EqualityMonitoring.objects.values_list("round__consultation_id", flat=True)
        .order_by("round__consultation_id")
        .first()
    )
    if mode == "build":
        EvidenceSnapshot.objects.filter(consultation_id=consultation_id).delete()
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="officer@example.org"))
    url = f"/reports/{consultation_id}/equalities/"
    times = []
    for _ in range(1 + (WARM_REPEATS if mode == "stored" else 0)):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    snapshot = EvidenceSnapshot.objects.get(consultation_id=consultation_id)
    warm = statistics.median(times[1:]) if len(times) > 1 else float("nan")
    print(f"{mode} {setup:.2f} {times[0]:.3f} {warm:.3f} {snapshot.seconds:.2f}")


def main():
    if len(sys.argv) > 1:
        _one(sys.argv[1])
        return
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a seeded demo database (see the docstring).")
    rows = {}
    for mode in ("build", "stored"):
        out = subprocess.run(
            [sys.executable, __file__, mode],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        rows[mode] = [float(x) for x in out[-4:]]
    build, stored = rows["build"], rows["stored"]
    print("Equality evidence page, demo consultation (fresh process each):")
    print(f"  Django set-up in the process:              {stored[0]:6.2f} s")
    print(f"  first load, nothing stored (built in it):  {build[1]:6.2f} s")
    print(f"    of which building the evidence:          {build[3]:6.2f} s")
    print(f"  first load, evidence stored (cold):        {stored[1]:6.3f} s")
    print(f"  warm load, median of {WARM_REPEATS}:  {stored[2]:6.3f} s")


if __name__ == "__main__":
    main()
