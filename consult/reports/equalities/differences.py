"""How groups' views differ: each group's share against everyone else's, for
every closed question's answers and every theme, with a significance test and
the false-discovery rate controlled over all the comparisons.

Monitoring answers are joined to responses in memory only, through the HMAC,
and only counts come out. A group is compared only when its profile figure is
shown, on exactly that many people (those who gave no answer count as such),
against everyone else who responded; each group-by-answers table is protected
as part of one linked set with the profile (``linked.py``), and a comparison
is made only when every count it publishes (the group's and everyone else's,
with and without the answer) is at least the threshold. So a group under the
threshold gets no test, and nothing shown tells a hidden figure.
"""

from collections import defaultdict
from dataclasses import dataclass

from consult.analysis.models import ThemeAssignment
from surveys.models import Answer, Question

from .characteristics import NAMES, categories, group_phrase
from .disclosure import threshold
from .label_guard import guard_labels
from .linked import NO_ANSWER, load_people, outcome_counts, protect_subject
from .profile import respondent_profile
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


def group_differences(consultation, profiles=None, people=None) -> Differences:
    """Every protected comparison, tested, with BH-adjusted p-values.

    Built on the protected profile (``linked.py``): only groups whose profile
    figure is shown are compared, each on exactly that many people."""
    round_ = consultation.main_round
    if round_ is None:
        return Differences([], 0)
    if people is None:
        people = load_people(round_)
    if profiles is None:
        profiles = respondent_profile(consultation, people=people)
    subjects = _subjects(consultation, set(people.ids))
    comparisons, not_tested = [], 0
    for profile in profiles:
        answers = people.answers(profile.field)
        made, skipped = compare_field(profile, subjects, answers, people.ids)
        comparisons += made
        not_tested += skipped
    for c, q in zip(
        comparisons, benjamini_hochberg([c.p_value for c in comparisons]), strict=True
    ):
        c.adjusted = q
    return Differences(comparisons, not_tested)


NOT_COMPARED = ("not chosen", "not raised", NO_ANSWER)


def compare_field(profile, subjects, answers, ids) -> tuple[list[Comparison], int]:
    """Every subject's comparisons for one characteristic, after the profile's
    labels are checked against them (``label_guard``): a profile that had to
    hide every row gets none."""
    made, not_tested, checked = [], 0, []
    for subject in subjects:
        found, skipped, table = _compare(profile, subject, answers, ids)
        made += found
        not_tested += skipped
        checked.append((subject, table))
    if guard_labels(profile, checked, answers, ids, threshold()):
        return [], not_tested + len(made)
    return made, not_tested


def _compare(profile, subject: Subject, answers, ids):
    """The comparisons, how many possible ones were not made, and the
    protected table they come from (None when there is none)."""
    groups = [r.category for r in profile.rows if r.figure.shown and r.figure.value]
    hidden_members = sum(
        1 for pk in ids if answers.get(pk) in categories(profile.field)
    ) - sum(r.figure.value for r in profile.rows if r.category in groups)
    counts, column_totals, columns = outcome_counts(
        subject, answers, ids, set(groups), None
    )
    compared = [o for o in columns if o not in NOT_COMPARED]
    with_people = sum(1 for r in profile.rows if r.figure.value)
    possible = with_people * len(compared)
    pool_total = sum(counts[None].values())
    if not groups or (len(groups) == 1 and hidden_members):
        return [], possible, None
    table = protect_subject(
        rows=[[counts[g][o] for o in columns] for g in groups],
        pool=[counts[None][o] for o in columns],
        columns=columns,
        pool_exempt=not hidden_members,
    )
    limit = threshold()
    total = len(ids)
    made = []
    # With two groups and nobody else, the second's comparison mirrors the first's.
    mirrored = len(groups) == 2 and not pool_total
    for i, group in enumerate(groups[:1] if mirrored else groups):
        size = sum(counts[group].values())
        for outcome in compared:
            figure = table.cells[i][columns.index(outcome)]
            a = counts[group][outcome]
            c = column_totals[outcome] - a
            others = total - size
            if figure.hidden or min(size - a, c, others - c) < limit:
                continue
            result = compare_2x2([[a, size - a], [c, others - c]])
            made.append(Comparison(
                profile.field, group, subject.title, subject.kind, outcome,
                (a, size), (c, others), result.p_value, result.test,
            ))  # fmt: skip
    if mirrored:
        possible -= len(compared)
    return made, possible - len(made), table
