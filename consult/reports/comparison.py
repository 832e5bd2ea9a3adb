"""Comparing a consultation's main round with its review round, theme by theme.

For each draft theme put back to respondents (``audiences.ReviewTheme``): how
many main-round answers it tagged, and in the review how many people said we
heard it right, partly, or not, how many suggested a correction, and its
average rank. A fixed number of queries whatever the number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from consult.analysis.redaction import redact
from consult.audiences.review import CONFIRMED, DISAGREED, PARTLY, draft_themes
from consult.audiences.review_models import ReviewTheme
from surveys.models import Answer, Response, Round

QUOTES_PER_THEME = 3
QUOTE_LENGTH = 300


@dataclass
class ThemeComparison:
    name: str
    main_answers: int
    confirmed: int = 0
    partly: int = 0
    disagreed: int = 0
    corrections: int = 0
    ranks: list[int] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

    @property
    def average_rank(self) -> float | None:
        return round(sum(self.ranks) / len(self.ranks), 1) if self.ranks else None


@dataclass
class RoundComparison:
    main: Round | None
    review: Round | None
    main_responses: int
    review_responses: int
    invited: int
    themes: list[ThemeComparison]

    CSV_HEADER = (
        "theme",
        "main round answers",
        "review: heard right",
        "review: partly right",
        "review: not right",
        "review: corrections suggested",
        "review: average rank (1 matters most)",
    )

    @property
    def has_quotes(self) -> bool:
        return any(t.quotes for t in self.themes)

    def csv_rows(self):
        for t in self.themes:
            yield [
                t.name,
                t.main_answers,
                t.confirmed,
                t.partly,
                t.disagreed,
                t.corrections,
                "" if t.average_rank is None else t.average_rank,
            ]


def _responses(round_) -> int:
    if round_ is None:
        return 0
    return Response.objects.filter(round=round_, withdrawn_at__isnull=True).count()


def compare_rounds(consultation) -> RoundComparison:
    main, review = consultation.main_round, consultation.review_round
    reviewed = list(ReviewTheme.objects.filter(round=review)) if review else []
    live_counts = {d.theme.pk: d.answers for d in draft_themes(consultation)}
    themes = {
        rt.pk: ThemeComparison(
            name=rt.name,
            main_answers=live_counts.get(rt.theme_id, rt.main_answers),
        )
        for rt in reviewed
    }
    _count_checks(reviewed, themes)
    _collect_corrections(reviewed, themes)
    _collect_ranks(reviewed, themes)
    return RoundComparison(
        main=main,
        review=review,
        main_responses=_responses(main),
        review_responses=_responses(review),
        invited=review.invitations.count() if review else 0,
        themes=list(themes.values()),
    )


def _answers(questions):
    return Answer.objects.current().filter(question__in=questions)


def _count_checks(reviewed, themes) -> None:
    # Counted here, not in SQL: JSON containment is not portable to SQLite.
    by_question = {rt.check_question_id: rt.pk for rt in reviewed}
    fields = {CONFIRMED: "confirmed", PARTLY: "partly", DISAGREED: "disagreed"}
    for question_id, value in _answers(by_question).values_list("question_id", "value"):
        chosen = (value or [""])[0]
        if chosen in fields:
            theme = themes[by_question[question_id]]
            setattr(theme, fields[chosen], getattr(theme, fields[chosen]) + 1)


def _collect_corrections(reviewed, themes) -> None:
    by_question = {rt.correction_question_id: rt.pk for rt in reviewed}
    texts = (
        _answers(by_question)
        .exclude(text="")
        .order_by("response__submitted_at")
        .values_list("question_id", "text")
    )
    for question_id, text in texts:
        if not text.strip():
            continue
        theme = themes[by_question[question_id]]
        theme.corrections += 1
        if len(theme.quotes) < QUOTES_PER_THEME:
            quote = redact(" ".join(text.split()))
            if len(quote) > QUOTE_LENGTH:
                quote = quote[: QUOTE_LENGTH - 1].rstrip() + "…"
            theme.quotes.append(quote)


def _collect_ranks(reviewed, themes) -> None:
    by_name = defaultdict(list)
    for rt in reviewed:
        by_name[(rt.ranking_question_id, rt.name)].append(rt.pk)
    questions = {rt.ranking_question_id for rt in reviewed if rt.ranking_question_id}
    for question_id, ranked in _answers(questions).values_list("question_id", "value"):
        for position, name in enumerate(ranked or [], start=1):
            for pk in by_name.get((question_id, name), []):
                themes[pk].ranks.append(position)
