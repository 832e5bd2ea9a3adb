"""What the history of decisions costs (``make bench``).

Prints queries and milliseconds per ``decide()`` (each change of mind writes a
history row), and the time and queries to delete a theme with
BENCH_HISTORY_TAGS tags (default 5,000): tags keep no deletion history, so the
cascade stays one statement. Runs on a fresh test database: SQLite by default,
PostgreSQL when DATABASE_URL says so.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAGS = int(os.environ.get("BENCH_HISTORY_TAGS", "5000"))
DECISIONS = 500


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()


def _tagged(consultation, round_, question, theme, count, prefix):
    from consult.analysis.models import ThemeAssignment
    from surveys.models import Answer, Response

    responses = Response.objects.bulk_create(
        Response(round=round_, reference=f"{prefix}{n:07}") for n in range(count)
    )
    answers = Answer.objects.bulk_create(
        Answer(response=r, question=question, value=["x"], text="x") for r in responses
    )
    return ThemeAssignment.objects.bulk_create(
        ThemeAssignment(answer=a, theme=theme, consultation=consultation)
        for a in answers
    )


def main():
    _setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from consult.accounts.models import User
        from consult.analysis.matching import ThemeRule
        from consult.analysis.models import ThemeAssignment
        from consult.analysis.services import decide, replace_codebook
        from surveys.models import Question
        from tests.cms.factories import RoundFactory
        from tests.surveys.factories import SurveyFactory, question

        survey = SurveyFactory()
        views = question(survey, Question.Kind.LONG_TEXT, "What do you think?")
        round_ = RoundFactory(survey=survey)
        consultation = round_.consultation
        rules = [ThemeRule(key=k, name=k) for k in ("kept", "removed")]
        codebook = replace_codebook(consultation=consultation, rules=rules)
        kept, removed = codebook.themes.order_by("key")
        officer = User.objects.create_user("bench@example.org", "x" * 16)
        CONFIRMED = ThemeAssignment.Decision.CONFIRMED  # noqa: N806

        for history in (False, True):
            tags = _tagged(
                consultation, round_, views, kept, DECISIONS, f"D{int(history)}"
            )
            with (
                override_settings(SIMPLE_HISTORY_ENABLED=history),
                CaptureQueriesContext(connection) as queries,
            ):
                start = time.perf_counter()
                for tag in tags:
                    decide(assignment=tag, user=officer, decision=CONFIRMED)
                took = time.perf_counter() - start
            print(
                f"decide() with history {'on' if history else 'off'}: "
                f"{len(queries) / DECISIONS:.1f} queries, "
                f"{1000 * took / DECISIONS:.2f} ms each over {DECISIONS} decisions "
                f"({ThemeAssignment.history.count()} history rows)"
            )

        _tagged(consultation, round_, views, removed, TAGS, "T")
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            removed.delete()
            took = time.perf_counter() - start
        print(
            f"deleting a theme with {TAGS} tags: {len(queries)} queries, "
            f"{1000 * took:.0f} ms ({ThemeAssignment.history.count()} history rows)"
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
