"""The themed report at scale (``make bench``): server time per report page
against computing the same figures by direct ORM aggregation per request.

Seeds BENCH_REPORT_RESPONSES responses (default 100,000; pass a smaller
number for a quick try, e.g. ``BENCH_REPORT_RESPONSES=5000``) with six
answers each, sentiment and theme tags, then prints: the time to build the
precomputed figures, the report page's server time (median of several GETs,
unfiltered and filtered), a theme page's time, the same headline, question
and theme figures aggregated straight from responses and answers, and the
PDF's time. Runs on a fresh test database: PostgreSQL when DATABASE_URL says
so (the targets are for PostgreSQL), else SQLite.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = int(os.environ.get("BENCH_REPORT_RESPONSES", "100000"))
# BENCH_REPORT_KEEPDB=1 keeps the seeded database for the next run (which then
# skips seeding); the default drops it.
KEEPDB = os.environ.get("BENCH_REPORT_KEEPDB") == "1"
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
BATCH = 5000
SENTENCES = [
    f"{start} {middle} {end}"
    for start in ("The front door", "CAMHS", "Travel to one site", "Parking")
    for middle in (
        "is too slow",
        "would help",
        "worries me",
        "needs thought",
        "is fine",
    )
    for end in ("for our family.", "for staff.", "in the evenings.", "at weekends.")
]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.benchmarks.settings")
    import django

    django.setup()


def _timed(fn, repeats=1):
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, times


def _ms(times) -> str:
    if len(times) == 1:
        return f"{times[0] * 1000:8.0f} ms"
    return (
        f"{statistics.median(times) * 1000:8.0f} ms median "
        f"({min(times) * 1000:.0f}–{max(times) * 1000:.0f} over {len(times)})"
    )


def seed(n: int):
    """n responses with answers, analyses and tags, in bulk."""
    from django.utils import timezone

    from consult.analysis.models import AnswerAnalysis, ThemeAssignment
    from surveys.models import Answer, Response
    from tests.consult.reports.factories import (
        AGREE,
        PLACES,
        SERVICES,
        TYPES,
        report_world,
    )

    rng = random.Random(12)
    world = report_world()
    themes = list(world.themes.values())
    q = world.q
    start = timezone.now() - timedelta(days=30)
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        responses = Response.objects.bulk_create(
            Response(
                round=world.round,
                reference=f"B{first + i:09d}",
                channel=rng.choice(["online"] * 6 + ["phone", "in_person", "imported"]),
                submitted_at=start + timedelta(minutes=rng.randrange(43000)),
            )
            for i in range(size)
        )
        answers, texts = [], []
        for response in responses:
            answers += [
                Answer(response=response, question=q["who"], value=[rng.choice(TYPES)]),
                Answer(
                    response=response,
                    question=q["services"],
                    value=rng.sample(SERVICES, rng.randint(1, 2)),
                ),
                Answer(
                    response=response, question=q["agree"], value=[rng.choice(AGREE)]
                ),
                Answer(
                    response=response, question=q["where"], value=[rng.choice(PLACES)]
                ),
                Answer(
                    response=response, question=q["rank"], value=rng.sample(PLACES, 3)
                ),
            ]
            if rng.random() < 0.7:
                text = rng.choice(SENTENCES)
                texts.append(
                    Answer(
                        response=response, question=q["views"], value=[text], text=text
                    )
                )
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Answer.objects.bulk_create(texts, batch_size=BATCH)
        AnswerAnalysis.objects.bulk_create(
            (
                AnswerAnalysis(
                    answer=a,
                    consultation=world.consultation,
                    text_hash=str(a.pk),
                    pipeline_version="bench",
                    sentiment=rng.choice([-0.6, 0.0, 0.5]),
                )
                for a in texts
            ),
            batch_size=BATCH,
        )
        ThemeAssignment.objects.bulk_create(
            (
                ThemeAssignment(
                    answer=a,
                    theme=theme,
                    consultation=world.consultation,
                    score=rng.random(),
                    evidence=a.text,
                )
                for a in texts
                for theme in rng.sample(themes, rng.choice([1, 1, 2]))
            ),
            batch_size=BATCH,
        )
    return world


def kept_world():
    """The world seeded by an earlier run kept with BENCH_REPORT_KEEPDB=1."""
    from consult.analysis.models import Codebook
    from surveys.models import Response
    from tests.consult.reports.factories import World

    response = Response.objects.select_related("round").first()
    if not KEEPDB or response is None:
        return None
    round_ = response.round
    codebook = Codebook.objects.get(consultation=round_.consultation)
    by_kind = {q.kind: q for q in round_.survey.questions.all()}
    labels = {q.label: q for q in round_.survey.questions.all()}
    q = {
        "who": by_kind["respondent_type"],
        "services": by_kind["services"],
        "agree": by_kind["agree_scale"],
        "where": labels["Where should it be?"],
        "rank": by_kind["ranking"],
        "views": by_kind["long_text"],
    }
    themes = {t.key: t for t in codebook.themes.all()}
    return World(round_, q, codebook, themes)


def direct_figures(world):
    """The report's headline, question and theme figures, aggregated straight
    from responses, answers and tags on every request (what we avoid)."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from consult.analysis.models import ThemeAssignment
    from surveys.models import Answer, Response

    responses = Response.objects.filter(
        round__consultation=world.consultation, withdrawn_at__isnull=True
    )
    current = Answer.objects.current().filter(response__in=responses)
    figures = {
        "total": responses.count(),
        "channel": list(responses.values("channel").annotate(n=Count("pk"))),
        "day": list(responses.values("submitted_at__date").annotate(n=Count("pk"))),
    }
    for key, question in world.q.items():
        if key != "views":
            figures[key] = list(
                current.filter(question=question)
                .values("value")
                .annotate(n=Count("pk"))
            )
    tags = (
        ThemeAssignment.objects.current()
        .standing()
        .filter(consultation=world.consultation)
    )
    figures["themes"] = list(
        tags.values("theme__key").annotate(
            n=Count("answer__response", distinct=True),
            negative=Count(
                "answer__response",
                distinct=True,
                filter=Q(answer__analysis__sentiment__lte=-0.05),
            ),
            positive=Count(
                "answer__response",
                distinct=True,
                filter=Q(answer__analysis__sentiment__gte=0.05),
            ),
        )
    )
    who = Answer.objects.filter(
        response=OuterRef("answer__response"),
        question=world.q["who"],
        is_current=True,
    ).values("value")[:1]
    figures["theme_by_type"] = list(
        tags.annotate(who=Subquery(who))
        .values("theme__key", "who")
        .annotate(n=Count("answer__response", distinct=True))
    )
    return figures


def main():
    _setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=KEEPDB, serialize=False
    )
    try:
        from consult.accounts.models import User
        from consult.accounts.roles import Role
        from consult.reports.aggregates import refresh_figures
        from consult.reports.exports import pdf_bytes
        from consult.reports.figures import build_report
        from consult.reports.filters import ReportFilters
        from tests.consult.analysis.factories import person

        print(f"database: {connection.vendor} ({name}); {RESPONSES:,} responses")
        world, took = _timed(lambda: kept_world() or seed(RESPONSES))
        print(f"  seeding (or finding)         {_ms(took)}")
        cid = world.consultation.pk
        state, took = _timed(lambda: refresh_figures(consultation_id=cid))
        print(f"  build the figures (a task)   {_ms(took)}")
        lead = User.objects.filter(email="bench.lead@example.org").first() or person(
            "bench.lead@example.org", Role.PROJECT_LEAD, leads=[world.consultation]
        )
        client = Client()
        client.force_login(lead)
        url = reverse("reports:report", args=[cid])
        client.get(url)  # warm templates and caches
        for label, params in (
            ("report page", {}),
            (
                "report page, filtered",
                {"respondent_type": "Parent or carer", "channel": "online"},
            ),
            ("report page, one service", {"service": "Schools"}),
        ):
            response, took = _timed(lambda p=params: client.get(url, p), REPEATS)
            assert response.status_code == 200
            print(f"  {label:<28} {_ms(took)}")
        theme = reverse("reports:theme", args=[cid, "front-door"])
        response, took = _timed(lambda: client.get(theme), REPEATS)
        assert response.status_code == 200
        print(f"  {'theme page':<28} {_ms(took)}")
        _, took = _timed(lambda: direct_figures(world), min(REPEATS, 3))
        print(f"  {'direct ORM aggregation':<28} {_ms(took)}")
        rounds = {r.kind: r for r in world.consultation.rounds.all()}
        report = build_report(
            consultation=world.consultation,
            filters=ReportFilters(),
            state=state,
            rounds=rounds,
        )
        body, took = _timed(lambda: pdf_bytes(report))
        print(f"  {'PDF of the report':<28} {_ms(took)}  ({len(body) / 1e6:.1f} MB)")
    finally:
        if not KEEPDB:
            connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
