"""The figures follow submissions, withdrawals and tag decisions: each marks
them stale (no task sent from the request) and beat's task rebuilds them, once."""

import pytest

from consult.reports.aggregates import ensure_fresh, refresh_figures
from consult.reports.models import FigureCell, FiguresState
from consult.reports.tasks import refresh_report_figures, refresh_stale_figures
from surveys.models import Draft
from surveys.services import submit_draft, withdraw_response
from tests.consult.reports.factories import report_world, respond

pytestmark = pytest.mark.django_db


def responses_counted(consultation) -> int:
    return sum(
        FigureCell.objects.filter(
            consultation=consultation, measure="responses", service="*"
        ).values_list("count", flat=True)
    )


def test_a_submission_is_counted_by_the_sweep_of_stale_figures():
    world = report_world()
    respond(world, who="Staff member")
    refresh_figures(consultation_id=world.consultation.pk)
    draft = Draft.objects.create(
        round=world.round, answers={str(world.q["who"].pk): "Parent or carer"}
    )
    submit_draft(draft_id=draft.pk)
    assert responses_counted(world.consultation) == 1  # marked stale, not rebuilt
    assert refresh_stale_figures() == 1
    assert refresh_stale_figures() == 0  # fresh now: nothing to do
    assert responses_counted(world.consultation) == 2
    state = FiguresState.objects.get(consultation=world.consultation)
    assert state.stale_since is None and state.responses == 2
    # Queued again (a retry, a second submission's task): nothing to do.
    assert refresh_report_figures(str(world.consultation.pk)) is False


def test_a_withdrawal_stops_counting():
    world = report_world()
    kept = respond(world, who="Staff member")
    gone = respond(world, who="Staff member")
    refresh_figures(consultation_id=world.consultation.pk)
    withdraw_response(response=gone)
    assert refresh_stale_figures() == 1
    assert responses_counted(world.consultation) == 1
    assert kept.withdrawn_at is None


def test_tags_written_in_bulk_are_noticed_when_the_report_is_read():
    from django.utils import timezone

    from consult.analysis.models import AnalysisRun, ThemeAssignment

    world = report_world()
    respond(world, text="The front door", themes={"front-door": 0.5})
    refresh_figures(consultation_id=world.consultation.pk)
    # As an analysis run does: a bulk update (no signal, no new time), then
    # the run finishes.
    ThemeAssignment.objects.update(suggested=False)
    ensure_fresh(consultation=world.consultation)
    assert FigureCell.objects.filter(
        consultation=world.consultation, measure="theme"
    ).exists()  # not noticed yet: nothing says so
    AnalysisRun.objects.create(
        consultation=world.consultation, status="finished", finished_at=timezone.now()
    )
    ensure_fresh(consultation=world.consultation)
    assert not FigureCell.objects.filter(
        consultation=world.consultation, measure="theme"
    ).exists()


def test_a_large_consultation_never_built_is_queued_not_built_in_the_request(
    settings, client
):
    from django.urls import reverse

    from consult.accounts.roles import Role
    from tests.consult.analysis.factories import person

    settings.REPORT_SYNC_REFRESH_LIMIT = 2
    world = report_world()
    for _ in range(3):
        respond(world, who="Staff member")
    client.force_login(person("officer@example.org", Role.OFFICER))
    page = client.get(reverse("reports:report", args=[world.consultation.pk]))
    assert "being prepared" in page.content.decode()
    state = FiguresState.objects.get(consultation=world.consultation)
    assert state.built_at is None and state.stale_since is not None
    assert refresh_report_figures(str(world.consultation.pk)) is True
    page = client.get(reverse("reports:report", args=[world.consultation.pk]))
    assert page.context["report"].total == 3


def test_a_busy_consultation_is_rebuilt_at_most_once_a_minute(settings):
    from datetime import timedelta

    from django.utils import timezone

    from consult.reports.tasks import wait_before_rebuilding

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REPORT_REFRESH_MIN_SECONDS = 60
    state = FiguresState(built_at=timezone.now() - timedelta(seconds=20))
    assert 39 < wait_before_rebuilding(state) <= 40
    state.built_at -= timedelta(minutes=5)
    assert wait_before_rebuilding(state) == 0
