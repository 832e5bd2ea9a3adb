"""Disclosure control: how long protecting a cross-table takes, by its size.

Prints, for random group-by-answer tables shaped like the monitoring
characteristics (2 to 19 groups, 2 to 6 answers, many small counts), the
median and worst time of ``protect_cross_table`` and how many figures it
hides. Never asserts a time: the machine may be shared.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPEATS = int(os.environ.get("BENCH_REPEATS", "10"))
SHAPES = [(2, 3), (5, 3), (8, 5), (19, 3), (19, 6)]


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()
    from consult.reports.equalities.disclosure import protect_cross_table

    rng = random.Random(13)
    print(f"{'groups x answers':>16} {'median s':>9} {'worst s':>8} {'hidden':>7}")
    for rows, cols in SHAPES:
        times, hidden = [], []
        for _ in range(REPEATS):
            table = [
                [rng.choice([0, 1, 3, 6, 9, 12, 25, 60]) for _ in range(cols)]
                for _ in range(rows)
            ]
            start = time.perf_counter()
            shown = protect_cross_table(table)
            times.append(time.perf_counter() - start)
            hidden.append(sum(f.hidden != "" for row in shown.cells for f in row))
        print(
            f"{f'{rows} x {cols}':>16} {statistics.median(times):9.3f} "
            f"{max(times):8.3f} {statistics.median(hidden):7.0f}"
        )


if __name__ == "__main__":
    main()
