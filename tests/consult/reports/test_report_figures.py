"""The report's figures equal those computed here, independently, from the
responses: withdrawn responses and replaced versions never count."""

from collections import Counter

import pytest

from consult.reports.aggregates import refresh_figures
from consult.reports.figures import build_report
from consult.reports.filters import ReportFilters
from surveys.models import Answer, Response
from tests.consult.reports.factories import (
    AGREE,
    PLACES,
    random_world,
    report_world,
    respond,
)

pytestmark = pytest.mark.django_db

GROUPS = {
    "online": "Online",
    "phone": "Assisted",
    "in_person": "Assisted",
    "translated": "Assisted",
    "imported": "Imported",
}


def _bucket(score):
    return "negative" if score <= -0.05 else "positive" if score >= 0.05 else "neutral"


def independent(world, **only):
    """Figures from the raw rows, in plain Python, for responses matching ``only``."""
    counted = []
    for response in Response.objects.filter(round__consultation=world.consultation):
        if response.withdrawn_at:
            continue
        answers = {
            a.question_id: a
            for a in Answer.objects.filter(response=response, version=response.version)
        }
        who = answers.get(world.q["who"].pk)
        services = answers.get(world.q["services"].pk)
        row = {
            "channel": GROUPS[response.channel],
            "type": who.value[0] if who else "Not said",
            "services": services.value if services else [],
            "answers": answers,
        }
        if only.get("type") and row["type"] != only["type"]:
            continue
        if only.get("service") and only["service"] not in row["services"]:
            continue
        counted.append(row)
    figures = {
        "total": len(counted),
        "channel": Counter(),
        "type": Counter(),
        "service": Counter(),
        "agree": Counter(),
        "where": Counter(),
        "themes": Counter(),
        "sentiment": Counter(),
        "firsts": Counter(),
    }
    for row in counted:
        figures["channel"][row["channel"]] += 1
        figures["type"][row["type"]] += 1
        figures["service"].update(row["services"])
        answers = row["answers"]
        for key in ("agree", "where"):
            if world.q[key].pk in answers:
                figures[key][answers[world.q[key].pk].value[0]] += 1
        if world.q["rank"].pk in answers:
            figures["firsts"][answers[world.q["rank"].pk].value[0]] += 1
        views = answers.get(world.q["views"].pk)
        if views:
            for tag in views.theme_assignments.all():
                figures["themes"][tag.theme.name] += 1
                figures["sentiment"][
                    (tag.theme.name, _bucket(views.analysis.sentiment))
                ] += 1
    return figures


def report_of(world, **filters):
    consultation = world.consultation
    state = refresh_figures(consultation_id=consultation.pk)
    rounds = {r.kind: r for r in consultation.rounds.all()}
    return build_report(
        consultation=consultation,
        filters=ReportFilters(**filters),
        state=state,
        rounds=rounds,
    )


def assert_same(report, expected):
    assert report.total == expected["total"]
    assert {k: n for k, n in report.by_channel if n} == dict(expected["channel"])
    assert dict(report.by_type) == dict(expected["type"])
    if report.filters.service:  # a service filter keeps that service alone
        expected["service"] = {report.filters.service: expected["total"]}
    assert dict(report.by_service) == dict(expected["service"])
    questions = {q.question.label: q for q in report.questions}
    agree = questions["Do you agree with one front door?"]
    assert {o: n for o, n in agree.rows if n} == dict(expected["agree"])
    assert [o for o, _ in agree.rows] == AGREE
    where = questions["Where should it be?"]
    assert {o: n for o, n in where.rows if n} == dict(expected["where"])
    ranking = questions["Rank these places"]
    assert {o: f for o, _, f in ranking.ranks if f} == dict(expected["firsts"])
    assert {t.name: t.count for t in report.themes} == dict(expected["themes"])
    assert {
        (t.name, s): n for t in report.themes for s, n in t.sentiment.items() if n
    } == dict(expected["sentiment"])
    counts = [t.count for t in report.themes]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_equal_an_independent_count(seed):
    world = random_world(60, seed=seed)
    assert_same(report_of(world), independent(world))


@pytest.mark.parametrize("seed", [4, 5])
def test_filtered_figures_equal_an_independent_count(seed):
    world = random_world(60, seed=seed)
    assert_same(
        report_of(world, respondent_type="Parent or carer"),
        independent(world, type="Parent or carer"),
    )
    assert_same(
        report_of(world, service="Schools"), independent(world, service="Schools")
    )


def test_withdrawn_and_changed_responses():
    world = report_world()
    kept = respond(
        world, who="Staff member", where="Library", text="x", themes={"camhs": -0.8}
    )
    gone = respond(
        world, who="Staff member", where="Library", text="y", themes={"camhs": 0.9}
    )
    gone.withdrawn_at = gone.submitted_at
    gone.save()
    from tests.consult.reports.factories import change

    change(
        world,
        kept,
        who="Parent or carer",
        where="Online",
        text="z",
        themes={"front-door": 0.9},
    )
    report = report_of(world)
    assert report.total == 1
    assert dict(report.by_type) == {"Parent or carer": 1}
    where = {q.question.label: q for q in report.questions}["Where should it be?"]
    assert dict(where.rows) == {"Library": 0, "School": 0, "Online": 1}
    assert [(t.key, t.count, t.sentiment["positive"]) for t in report.themes] == [
        ("front-door", 1, 1)
    ]
    assert PLACES  # the options come from the question, in its order


def test_rebuilding_twice_gives_the_same_figures():
    world = random_world(30, seed=9)
    first = report_of(world)
    second = report_of(world)
    assert (first.total, first.by_type, [t.count for t in first.themes]) == (
        second.total,
        second.by_type,
        [t.count for t in second.themes],
    )
