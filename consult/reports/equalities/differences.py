"""How groups' views differ: each group's share against everyone else's, for
every closed question's answers and every theme, with a significance test and
the false-discovery rate controlled over all the comparisons.

Monitoring answers are joined to responses in memory only, through the HMAC
(``response_link``), and only counts come out. Each characteristic-by-answers
table goes through disclosure control first: a comparison is made only for a
group whose total and whose figure for that answer are both shown, so a
group under the threshold gets no test, and no share tells a hidden figure.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from consult.analysis.models import ThemeAssignment
from surveys.equalities import response_link
from surveys.models import Answer, EqualityMonitoring, Question, Response

from .characteristics import FIELDS, NAMES, categories, group_phrase
from .disclosure import protect_cross_table
from .statistics import ALPHA, benjamini_hochberg, compare_2x2

K = Question.Kind
SINGLE_KINDS = (K.AGREE_SCALE, K.YES_NO, K.RATING, K.SINGLE_CHOICE, K.RESPONDENT_TYPE)
AGREE = {
    "Strongly agree": "Agree",
    "Agree": "Agree",
    "Neither agree nor disagree": "Neither",
    "Disagree": "Disagree",
    "Strongly disagree": "Disagree",
}
AGREE_VERBS = {
    "Agree": "agreed with",
    "Disagree": "disagreed with",
    "Neither": "neither agreed nor disagreed with",
}


@dataclass
class Subject:
    """One thing groups are compared on: a question's answers, or a theme."""

    title: str
    kind: str  # a Question.Kind, or "theme"
    outcomes: list[str]
    # response id -> the outcomes it counts under (one, or several for a
    # multiple choice, or ["raised"/"not raised"] for a theme)
    by_response: dict


@dataclass
class Comparison:
    field: str
    category: str
    subject: str
    kind: str
    outcome: str
    group: tuple[int, int]  # (with the outcome, group size)
    others: tuple[int, int]
    p_value: float
    test: str
    adjusted: float = 1.0

    @property
    def group_share(self) -> float:
        return round(100 * self.group[0] / self.group[1], 1)

    @property
    def others_share(self) -> float:
        return round(100 * self.others[0] / self.others[1], 1)

    @property
    def difference(self) -> float:
        return round(self.group_share - self.others_share, 1)

    @property
    def significant(self) -> bool:
        return self.adjusted <= ALPHA

    @property
    def characteristic(self) -> str:
        return NAMES[self.field]

    def sentence(self) -> str:
        """Plain English: "Disabled respondents disagreed with … more often
        than others (48% against 22%)"."""
        who = group_phrase(self.field, self.category)
        how = "more often" if self.difference > 0 else "less often"
        if self.kind == "theme":
            what = f"raised “{self.subject}”"
        elif self.kind == K.AGREE_SCALE:
            what = f"{AGREE_VERBS[self.outcome]} “{self.subject}”"
        elif self.kind in Question.MULTIPLE_KINDS:
            what = f"chose “{self.outcome}” for “{self.subject}”"
        else:
            what = f"answered “{self.outcome}” to “{self.subject}”"
        figures = f"{self.group_share:g}% against {self.others_share:g}%"
        return f"{who[0].upper()}{who[1:]} {what} {how} than others ({figures})."


@dataclass
class Differences:
    comparisons: list[Comparison]
    not_tested: int  # group-and-answer pairs left out for small numbers

    @property
    def significant(self) -> list[Comparison]:
        found = [c for c in self.comparisons if c.significant]
        return sorted(found, key=lambda c: c.adjusted)


def _subjects(consultation, responses: set) -> list[Subject]:
    round_ = consultation.main_round
    questions = (
        list(
            round_.survey.questions.filter(
                kind__in=(*SINGLE_KINDS, *Question.MULTIPLE_KINDS)
            )
        )
        if round_ and round_.survey
        else []
    )
    answers = defaultdict(dict)
    for question_id, response_id, value in (
        Answer.objects.current()
        .filter(question__in=questions, response__in=responses)
        .values_list("question_id", "response_id", "value")
    ):
        answers[question_id][response_id] = value or []
    subjects = []
    for q in questions:
        got = answers[q.pk]
        if q.kind in Question.MULTIPLE_KINDS:
            for option in q.choices():
                subjects.append(
                    Subject(
                        q.label,
                        q.kind,
                        [option, "not chosen"],
                        {
                            r: [option if option in v else "not chosen"]
                            for r, v in got.items()
                        },
                    )
                )
            continue
        if q.kind == K.AGREE_SCALE:
            outcomes = ["Agree", "Neither", "Disagree"]
            mapped = {r: [AGREE.get((v or [""])[0], "")] for r, v in got.items()}
        else:
            outcomes = q.choices()
            mapped = {r: [(v or [""])[0]] for r, v in got.items()}
        subjects.append(Subject(q.label, q.kind, outcomes, mapped))
    return subjects + _theme_subjects(consultation, responses)


def _theme_subjects(consultation, responses: set) -> list[Subject]:
    raised = defaultdict(set)
    names = {}
    tags = (
        ThemeAssignment.objects.current()
        .standing()
        .filter(consultation=consultation, answer__response__in=responses)
        .values_list("theme__name", "answer__response_id")
    )
    for name, response_id in tags:
        raised[name].add(response_id)
        names[name] = name
    return [
        Subject(
            name,
            "theme",
            ["raised", "not raised"],
            {r: ["raised" if r in raised[name] else "not raised"] for r in responses},
        )
        for name in sorted(names)
    ]


def group_differences(consultation) -> Differences:
    """Every protected comparison, tested, with BH-adjusted p-values."""
    round_ = consultation.main_round
    if round_ is None:
        return Differences([], 0)
    ids = set(
        Response.objects.filter(round=round_, withdrawn_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    links = {response_link(pk): pk for pk in ids}
    people = {}
    for row in EqualityMonitoring.objects.filter(round=round_).values(
        "response_link", *FIELDS
    ):
        if row["response_link"] in links:
            people[links[row["response_link"]]] = row
    subjects = _subjects(consultation, set(people))
    comparisons, not_tested = [], 0
    for field in FIELDS:
        for subject in subjects:
            made, skipped = _compare(field, subject, people)
            comparisons += made
            not_tested += skipped
    for c, q in zip(
        comparisons, benjamini_hochberg([c.p_value for c in comparisons]), strict=True
    ):
        c.adjusted = q
    return Differences(comparisons, not_tested)


def _compare(field, subject: Subject, people) -> tuple[list[Comparison], int]:
    counts = defaultdict(Counter)
    for response_id, outcomes in subject.by_response.items():
        category = people.get(response_id, {}).get(field)
        if category in categories(field):
            for outcome in outcomes:
                if outcome in subject.outcomes:
                    counts[category][outcome] += 1
    # Empty groups and answers nobody gave are left out: a published total of
    # 0 would pin their cells whatever is hidden, and they compare nothing.
    groups = [c for c in categories(field) if sum(counts[c].values())]
    outcomes = [o for o in subject.outcomes if any(counts[g][o] for g in groups)]
    if len(groups) < 2 or len(outcomes) < 2:
        return [], 0
    table = [[counts[g][o] for o in outcomes] for g in groups]
    shown = protect_cross_table(table, public_columns=True)
    # Everyone in the comparison (a multiple choice counts each option once).
    total = sum(sum(row) for row in table)
    made, skipped = [], 0
    # With two groups, the second's comparison mirrors the first's.
    for i, group in enumerate(groups[:1] if len(groups) == 2 else groups):
        size = sum(table[i])
        for j, outcome in enumerate(outcomes):
            if outcome in ("not chosen", "not raised"):
                continue
            if shown.row_totals[i].hidden or shown.cells[i][j].hidden:
                skipped += 1
                continue
            a = table[i][j]
            c = sum(row[j] for row in table) - a
            others = total - size
            if not others:
                continue
            result = compare_2x2([[a, size - a], [c, others - c]])
            made.append(Comparison(
                field, group, subject.title, subject.kind, outcome,
                (a, size), (c, others), result.p_value, result.test,
            ))  # fmt: skip
    return made, skipped


def cached_group_differences(consultation) -> Differences:
    """``group_differences``, kept until the responses, monitoring answers or
    theme tags change (the audit solves many small linear programmes)."""
    from django.core.cache import cache
    from django.db.models import Count, Max

    from .disclosure import threshold

    round_ = consultation.main_round
    if round_ is None:
        return Differences([], 0)
    responses = Response.objects.filter(round=round_).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    tags = ThemeAssignment.objects.filter(consultation=consultation).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    monitoring = EqualityMonitoring.objects.filter(round=round_).count()
    version = (
        f"{consultation.pk}:{responses['n']}:{responses['at']}:"
        f"{tags['n']}:{tags['at']}:{monitoring}:{threshold()}"
    )
    key = "equality-differences:" + hashlib.sha256(version.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = group_differences(consultation)
        cache.set(key, found, 60 * 60)
    return found
