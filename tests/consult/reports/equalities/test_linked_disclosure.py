"""Cross-table disclosure: the profile and the comparisons, read together,
give no hidden figure and no small number away.

Protected one table at a time (as the evidence once was), a profile showing
23 disabled respondents beside a question table whose disabled row adds up
to the 21 who answered says that 2 disabled people skipped it. The checks
here are independent of the module's audit (``linked_oracle``): one linear
programme over the whole page, and set arithmetic on every published figure.
"""

import random
import re

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.reports.equalities.characteristics import categories
from consult.reports.equalities.differences import Subject, compare_field
from consult.reports.equalities.disclosure import protect_cross_table
from consult.reports.equalities.evidence import build_evidence
from consult.reports.equalities.profile import characteristic_profile
from surveys.models import Question
from tests.cms.factories import RoundFactory
from tests.surveys.factories import SurveyFactory, question

from .factories import respond
from .linked_oracle import differences_of_published, disclosures, published_sets, ranges

DOOR, EVENING = "One number for all requests", "Phone lines open in the evening"
AGREE = ["Agree", "Neither", "Disagree"]


def check_field(people, field, subjects, profile, comparisons, limit):
    """Both independent checks, for one characteristic."""
    sets = published_sets(people, field, profile, comparisons)
    assert differences_of_published(people, field, sets, limit) == []
    found = ranges(
        people, field, categories(field), subjects, profile, comparisons, limit
    )
    hidden = {("size", r.category) for r in profile.rows if r.figure.hidden}
    assert disclosures(found, limit, hidden) == []
    return found


def test_the_naive_per_table_protection_leaks_the_skippers():
    # 23 disabled respondents, 2 of whom skipped the question: the profile
    # shows 23 and a table of those who answered shows its row total, 21.
    answered = protect_cross_table([[11, 10], [70, 70]])
    assert answered.row_totals[0].shown and answered.row_totals[0].value == 21
    assert 23 - answered.row_totals[0].value == 2


def _crafted_people():
    """200 made-up respondents: 23 disabled (2 skip the question), groups of
    every size in ethnicity, and a small and a withheld group in sex."""
    rng = random.Random(7)
    people = []

    def add(n, disability, door):
        for _ in range(n):
            people.append({"disability": disability, "answers": {DOOR: door}})

    add(11, "Yes", "Agree"), add(10, "Yes", "Disagree"), add(2, "Yes", None)
    add(70, "No", "Agree"), add(70, "No", "Disagree"), add(10, "No", None)
    add(12, "", "Agree"), add(12, "", "Disagree"), add(3, "", None)
    ethnic = categories("ethnicity")
    sizes = [(ethnic[0], 120), (ethnic[10], 12), (ethnic[9], 6), (ethnic[4], 15)]
    pool = [c for c, n in sizes for _ in range(n)]
    pool += [""] * (len(people) - len(pool))
    rng.shuffle(pool)
    sex = ["Female"] * 5 + ["Male"] * 14 + [""] * (len(people) - 19)
    rng.shuffle(sex)
    for person, ethnicity, s in zip(people, pool, sex, strict=True):
        person["ethnicity"], person["sex"] = ethnicity, s
        person["answers"][EVENING] = rng.choice(["Yes", "No", "Yes", None])
        if person["answers"][DOOR] is None:
            del person["answers"][DOOR]
        if person["answers"][EVENING] is None:
            del person["answers"][EVENING]
    return people


@pytest.mark.django_db
def test_crafted_consultation_gives_nothing_away_across_its_tables():
    people = _crafted_people()
    survey = SurveyFactory()
    door = question(survey, Question.Kind.AGREE_SCALE, DOOR)
    evening = question(survey, Question.Kind.YES_NO, EVENING)
    round_ = RoundFactory(survey=survey)
    as_stored = {"Agree": "Agree", "Disagree": "Strongly disagree"}
    for p in people:
        answers = {}
        if DOOR in p["answers"]:
            answers[door] = as_stored[p["answers"][DOOR]]
        if EVENING in p["answers"]:
            answers[evening] = p["answers"][EVENING]
        monitoring = {f: p[f] for f in ("disability", "ethnicity", "sex") if p[f]}
        respond(round_, monitoring=monitoring, answers=answers)
    evidence = build_evidence(round_.consultation)
    profiles = {p.field: p for p in evidence["profiles"]}
    comparisons = evidence["differences"].comparisons
    # Disabled respondents are compared on all 23 of them, never on the 21.
    disabled = [c for c in comparisons if c.category == "Yes"]
    assert disabled and {c.group[1] for c in disabled} == {23}
    assert all(21 not in (*c.group, *c.others) for c in comparisons)
    for field in ("disability", "ethnicity", "sex"):
        check_field(
            people, field, [DOOR, EVENING], profiles[field], comparisons, limit=10
        )
    # The small and the withheld group in sex are compared on nothing.
    assert not [c for c in comparisons if c.field == "sex"]
    assert str(profiles["sex"].rows[0].figure) == "fewer than 10"
    assert profiles["sex"].rows[1].figure.hidden


@pytest.mark.django_db
def test_the_page_and_the_assessment_show_only_published_figures(client):
    """Every number in the page's tables, and in the assessment's evidence
    (its PDF and Word document), is a published figure or a share."""
    from consult.accounts.roles import Role
    from consult.reports.equalities.assessment import evidence_texts
    from tests.consult.analysis.factories import person

    people = _crafted_people()
    survey = SurveyFactory()
    door = question(survey, Question.Kind.AGREE_SCALE, DOOR)
    round_ = RoundFactory(survey=survey)
    for p in people:
        answers = {door: p["answers"][DOOR]} if DOOR in p["answers"] else {}
        respond(round_, monitoring={"disability": p["disability"]}, answers=answers)
    client.force_login(person("officer@example.org", Role.OFFICER))
    html = client.get(f"/reports/{round_.consultation.pk}/equalities/").content
    evidence = build_evidence(round_.consultation)
    published = {0, 10, len(people)}
    for p in evidence["profiles"]:
        published |= {f.value for f in (p.answered, p.not_given) if f.shown}
        published |= {r.figure.value for r in p.rows if r.figure.shown}
    for c in evidence["differences"].comparisons:
        published |= {*c.group, *c.others}
    body = html.decode()
    tables = " ".join(re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S))
    counts = {int(n) for n in re.findall(r"(?<![\d.])(\d+)(?![\d.%])", tables)}
    assert counts <= published, counts - published
    texts = " ".join(
        evidence_texts(
            profiles=evidence["profiles"],
            differences=evidence["differences"],
            impacts=evidence["impacts"],
        ).values()
    )
    counts = {int(n) for n in re.findall(r"(?<![\d.])(\d+)(?![\d.%])", texts)}
    assert counts <= published, counts - published


FIELD = "age_band"
person_strategy = st.fixed_dictionaries(
    {
        FIELD: st.sampled_from([*categories(FIELD)[:4], ""]),
        "door": st.sampled_from([*AGREE, None]),
        "theme": st.booleans(),
    }
)


@override_settings(EQUALITIES_DISCLOSURE_THRESHOLD=5)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(person_strategy, min_size=8, max_size=70))
def test_linked_tables_give_nothing_away_on_generated_data(rows):
    people = [
        {
            FIELD: r[FIELD],
            "answers": {
                **({DOOR: r["door"]} if r["door"] else {}),
                "theme": "raised" if r["theme"] else "not raised",
            },
        }
        for r in rows
    ]
    ids = list(range(len(people)))
    answers = {i: p[FIELD] for i, p in enumerate(people)}
    counts = {}
    for value in answers.values():
        counts[value] = counts.get(value, 0) + 1
    profile = characteristic_profile(FIELD, counts, len(people), {})
    subjects = [
        Subject(DOOR, Question.Kind.AGREE_SCALE, AGREE,
                {i: [p["answers"][DOOR]] for i, p in enumerate(people)
                 if DOOR in p["answers"]}),
        Subject("theme", "theme", ["raised", "not raised"],
                {i: [p["answers"]["theme"]] for i, p in enumerate(people)}),
    ]  # fmt: skip
    comparisons = compare_field(profile, subjects, answers, ids)[0]
    check_field(people, FIELD, [DOOR, "theme"], profile, comparisons, limit=5)


@override_settings(EQUALITIES_DISCLOSURE_THRESHOLD=5)
def test_a_withheld_group_is_not_cornered_by_the_answer_totals():
    # Found with more generated examples: 8 people, all under 16, 4 of whom
    # raised a theme. "withheld" says at least 5 under-16s, and the theme's
    # public totals (4 and 4) then say 1 to 4 of them raised it.
    people = [
        {FIELD: "Under 16", "answers": {"theme": t}}
        for t in ["raised"] * 4 + ["not raised"] * 4
    ]
    ids = list(range(len(people)))
    answers = {i: p[FIELD] for i, p in enumerate(people)}
    profile = characteristic_profile(FIELD, {"Under 16": 8}, 8, {})
    subject = Subject(
        "theme", "theme", ["raised", "not raised"],
        {i: [p["answers"]["theme"]] for i, p in enumerate(people)},
    )  # fmt: skip
    comparisons = compare_field(profile, [subject], answers, ids)[0]
    under_16 = profile.rows[0]
    assert under_16.figure.hidden and str(under_16.figure) == "not shown"
    check_field(people, FIELD, ["theme"], profile, comparisons, limit=5)
