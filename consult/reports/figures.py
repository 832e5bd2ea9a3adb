"""The themed report's figures, read from precomputed cells (``models.py``).

A fixed number of queries, whatever the number of responses: the cells are
summed three ways (by figure; by round, channel and respondent type; by
service) and everything else is arranged in Python. Counts stay raw here;
templates and exports pass them through ``suppression``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from consult.analysis.models import Theme
from consult.audiences.review import CHECK_OPTIONS
from consult.audiences.review_models import ReviewTheme
from surveys.models import Draft, Question, Response
from surveys.versions import responses_by_version, versions_table

from . import suppression
from .aggregates import CLOSED_KINDS, SENTIMENTS
from .filters import CHANNEL_GROUPS, NOT_SAID, ROUND_KINDS, ReportFilters
from .key_points import key_points_for
from .models import FiguresState, QuoteCandidate

QUOTES_PER_THEME = 3
HEADLINE_KINDS = (Question.Kind.RESPONDENT_TYPE, Question.Kind.SERVICES)


@dataclass
class QuestionFigures:
    question: Question
    round_label: str
    answered: int
    rows: list  # (option, count)
    ranks: list = field(default_factory=list)  # (option, mean position, firsts)

    @property
    def is_scale(self) -> bool:
        return self.question.kind == Question.Kind.AGREE_SCALE

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == Question.Kind.RANKING

    @property
    def first_choices(self) -> list:
        """For a ranking's chart: how many placed each option first."""
        return [(option, firsts) for option, _, firsts in self.ranks]


@dataclass
class ThemeFigures:
    key: str
    name: str
    count: int
    total: int
    sentiment: dict
    by_round: dict = field(default_factory=dict)  # round kind -> {channel: n}
    key_points: list = field(default_factory=list)
    quotes: list = field(default_factory=list)

    @property
    def share(self):
        return suppression.share(self.count, self.total)


@dataclass
class ComparisonRow:
    """One draft theme: main-round responses raising it against the review's
    verdicts, each split by channel group."""

    name: str
    main: dict  # channel -> responses in the main round
    checks: dict  # check option -> {channel: n}


@dataclass
class Report:
    consultation: object
    filters: ReportFilters
    state: FiguresState
    rounds: dict
    total: int = 0
    by_round: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    by_type: list = field(default_factory=list)
    by_service: list = field(default_factory=list)
    by_day: list = field(default_factory=list)
    by_version: list = field(default_factory=list)  # language and version answered
    started: int | None = None
    sent: int | None = None
    questions: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    type_matrix: list = field(default_factory=list)
    service_matrix: list = field(default_factory=list)
    types: list = field(default_factory=list)
    services: list = field(default_factory=list)
    comparison: list = field(default_factory=list)
    check_options: tuple = CHECK_OPTIONS
    channels: dict = field(default_factory=lambda: dict(CHANNEL_GROUPS))

    @property
    def quotes_allowed(self) -> bool:
        """A slice of fewer than the threshold shows no quotes."""
        return self.total >= suppression.threshold()

    @property
    def threshold(self) -> int:
        return suppression.threshold()

    @property
    def completion(self):
        return suppression.share(self.sent, self.started)


def build_report(*, consultation, filters: ReportFilters, state, rounds) -> Report:
    report = Report(consultation, filters, state, rounds)
    figures = _sum(
        filters.cells(consultation, rounds), "measure", "subject", "option", "position"
    )
    sliced = _sum(
        filters.cells(consultation, rounds).filter(
            Q(measure__in=("responses", "theme"))
            | Q(measure="choice", subject__in=_check_ids(rounds))
        ),
        "measure",
        "subject",
        "option",
        "round_id",
        "channel",
        "respondent_type",
    )
    by_service = _sum(
        filters.cells(consultation, rounds, by_service=True).filter(
            measure__in=("responses", "theme")
        ),
        "measure",
        "subject",
        "service",
    )
    report.total = sum(n for (m, *_), n in figures.items() if m == "responses")
    _headline(report, figures, sliced, by_service)
    report.questions = _questions(report, figures)
    report.themes = _themes(report, figures, sliced)
    _matrices(report, sliced, by_service)
    report.comparison = _comparison(report, sliced)
    return report


def _check_ids(rounds) -> list[str]:
    review = rounds.get("review")
    if review is None:
        return []
    return [
        str(pk)
        for pk in ReviewTheme.objects.filter(round=review).values_list(
            "check_question_id", flat=True
        )
        if pk
    ]


def _sum(cells, *keys) -> dict:
    return {
        tuple(row[k] for k in keys): row["n"]
        for row in cells.values(*keys).annotate(n=Sum("count"))
    }


def _headline(report, figures, sliced, by_service) -> None:
    kinds = {r.pk: kind for kind, r in report.rounds.items()}
    rounds, channels, types = defaultdict(int), defaultdict(int), defaultdict(int)
    for (measure, _, _, round_id, channel, rtype), n in sliced.items():
        if measure == "responses":
            rounds[kinds[round_id]] += n
            channels[channel] += n
            types[rtype or NOT_SAID] += n
    report.by_round = [(ROUND_KINDS[k], rounds[k]) for k in report.rounds]
    report.by_channel = [(label, channels[k]) for k, label in CHANNEL_GROUPS.items()]
    report.by_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    report.types = [t for t, _ in report.by_type]
    services = {s: n for (m, _, s), n in by_service.items() if m == "responses"}
    report.by_service = sorted(services.items(), key=lambda kv: (-kv[1], kv[0]))
    report.services = [s for s, _ in report.by_service]
    report.by_day = sorted(
        (option, n) for (m, _, option, _), n in figures.items() if m == "day"
    )
    surveys = [r.survey_id for r in report.rounds.values() if r.survey_id]
    if report.filters.active:
        # Filtered: from the cells, sliced like every other figure.
        versions = {o: n for (m, _, o, _), n in figures.items() if m == "version"}
        report.by_version = versions_table(versions, surveys=surveys)
    else:
        drafts = Draft.objects.filter(
            round__consultation=report.consultation, amends__isnull=True
        )
        report.started = drafts.count()
        report.sent = drafts.filter(response__isnull=False).count()
        # Unfiltered: counted from the responses themselves.
        report.by_version = responses_by_version(
            responses=Response.objects.filter(round__in=report.rounds.values()),
            surveys=surveys,
        )


def _questions(report, figures) -> list[QuestionFigures]:
    labels = {r.survey_id: (k, r) for k, r in report.rounds.items() if r.survey_id}
    questions = (
        Question.objects.filter(survey_id__in=labels, kind__in=CLOSED_KINDS)
        .exclude(kind__in=HEADLINE_KINDS)
        .exclude(pk__in=_check_ids(report.rounds))
    )
    counts, ranks = defaultdict(dict), defaultdict(lambda: defaultdict(dict))
    for (measure, subject, option, position), n in figures.items():
        if measure == "choice":
            counts[subject][option] = n
        elif measure == "rank":
            ranks[subject][option][position] = n
    out = []
    order = list(report.rounds)
    for q in sorted(
        questions, key=lambda q: (order.index(labels[q.survey_id][0]), q.sort_order)
    ):
        kind, round_ = labels[q.survey_id]
        if report.filters.round and report.filters.round != kind:
            continue
        found = counts.get(str(q.pk), {})
        options = [*q.choices(), *sorted(set(found) - set(q.choices()))]
        figures_ = QuestionFigures(
            question=q,
            round_label=ROUND_KINDS[kind],
            answered=figures.get(("answered", str(q.pk), "", 0), 0),
            rows=[(o, found.get(o, 0)) for o in options],
        )
        if q.kind == Question.Kind.RANKING:
            figures_.ranks = _ranks(options, ranks.get(str(q.pk), {}))
        out.append(figures_)
    return out


def _ranks(options, positions) -> list:
    rows = []
    for option in options:
        placed = positions.get(option, {})
        n = sum(placed.values())
        mean = sum(p * c for p, c in placed.items()) / n if n else None
        if suppression.is_suppressed(n):
            mean = None
        rows.append(
            (option, None if mean is None else round(mean, 1), placed.get(1, 0))
        )
    return sorted(rows, key=lambda r: (r[1] is None, r[1] or 0))


def _themes(report, figures, sliced) -> list[ThemeFigures]:
    names = dict(
        Theme.objects.filter(codebook__consultation=report.consultation).values_list(
            "key", "name"
        )
    )
    sentiment = defaultdict(lambda: dict.fromkeys(SENTIMENTS, 0))
    for (measure, key, option, _), n in figures.items():
        if measure == "theme" and key in names:
            sentiment[key][option] += n
    kinds = {r.pk: kind for kind, r in report.rounds.items()}
    by_round = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for (measure, key, _, round_id, channel, _), n in sliced.items():
        if measure == "theme":
            by_round[key][kinds[round_id]][channel] += n
    quotes = _quotes(report) if report.quotes_allowed else {}
    themes = []
    for key, split in sentiment.items():
        count = sum(split.values())
        # Quotes of a theme few people raised could identify them.
        pool = quotes.get(key, []) if count >= suppression.threshold() else []
        points = key_points_for(
            consultation=report.consultation,
            theme_key=key,
            quotes=pool,
            state=None if report.filters.active else report.state,
        )
        themes.append(
            ThemeFigures(
                key=key,
                name=names[key],
                count=count,
                total=report.total,
                sentiment=split,
                by_round={k: dict(v) for k, v in by_round[key].items()},
                key_points=points,
                quotes=[q for q in pool if q not in points][:QUOTES_PER_THEME],
            )
        )
    return sorted(themes, key=lambda t: (-t.count, t.name))


def _quotes(report) -> dict:
    """Up to a handful of distinct quotes per theme, within the filters."""
    rows = QuoteCandidate.objects.filter(consultation=report.consultation).filter(
        report.filters.facts_q(report.rounds)
    )
    quotes = defaultdict(list)
    for key, text in rows.values_list("theme_key", "text"):
        if len(quotes[key]) < QUOTES_PER_THEME * 3:
            quotes[key].append(text)
    return quotes


def _matrices(report, sliced, by_service) -> None:
    by_type = defaultdict(lambda: defaultdict(int))
    for (measure, key, _, _, _, rtype), n in sliced.items():
        if measure == "theme":
            by_type[key][rtype or NOT_SAID] += n
    per_service = defaultdict(lambda: defaultdict(int))
    for (measure, key, service), n in by_service.items():
        if measure == "theme":
            per_service[key][service] += n
    report.type_matrix = [
        (t, [(by_type[t.key].get(c, 0), n) for c, n in report.by_type])
        for t in report.themes
    ]
    report.service_matrix = [
        (t, [(per_service[t.key].get(s, 0), n) for s, n in report.by_service])
        for t in report.themes
    ]


def _comparison(report, sliced) -> list[ComparisonRow]:
    review = report.rounds.get("review")
    if review is None or "main" not in report.rounds:
        return []
    main_by_theme = {t.key: t.by_round.get("main", {}) for t in report.themes}
    checks = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for (measure, subject, option, _, channel, _), n in sliced.items():
        if measure == "choice":
            checks[subject][option][channel] += n
    rows = []
    for rt in ReviewTheme.objects.filter(round=review).select_related("theme"):
        key = rt.theme.key if rt.theme else None
        rows.append(
            ComparisonRow(
                name=rt.name,
                main=main_by_theme.get(key, {}),
                checks={
                    o: dict(checks[str(rt.check_question_id)][o]) for o in CHECK_OPTIONS
                },
            )
        )
    return rows
