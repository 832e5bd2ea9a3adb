"""Build the figures report pages read (``models.FigureCell`` and friends).

One pass over a consultation's current answers and standing theme tags makes
every count the report shows, per slice (round, channel group, respondent
type, service). Pages then sum cells and never scan responses. Submissions,
withdrawals and tag decisions mark the figures stale (``receivers.py``) and a
task rebuilds them; a page finding them stale rebuilds small consultations at
once and queues the rest.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consult.analysis.models import AnalysisRun, ThemeAssignment
from consult.analysis.redaction import redact
from surveys.channels import ASSISTED_CHANNELS, Channel
from surveys.models import Answer, Question, Response

from .models import (
    ALL_SERVICES,
    FigureCell,
    FiguresState,
    QuoteCandidate,
    TaggedAnswer,
)

K = Question.Kind
CLOSED_KINDS = (
    K.SINGLE_CHOICE,
    K.MULTIPLE_CHOICE,
    K.AGREE_SCALE,
    K.RATING,
    K.YES_NO,
    K.SERVICES,
    K.RESPONDENT_TYPE,
    K.RANKING,
)
# VADER's usual cut-offs on the compound score.
NEGATIVE_BELOW, POSITIVE_ABOVE = -0.05, 0.05
SENTIMENTS = ("negative", "neutral", "positive")
QUOTE_CANDIDATES_PER_THEME = 200
QUOTE_LENGTH = 300
BATCH = 5000


def channel_group(channel: str) -> str:
    """Reports split channels three ways: online, assisted, imported."""
    if channel in ASSISTED_CHANNELS:
        return "assisted"
    return "imported" if channel == Channel.IMPORTED else "online"


def sentiment_of(score: float | None) -> str:
    if score is None or NEGATIVE_BELOW < score < POSITIVE_ABOVE:
        return "neutral"
    return "negative" if score <= NEGATIVE_BELOW else "positive"


@dataclass
class _Respondent:
    round_id: object
    channel: str
    day: str
    variant: str = ""  # the language and version answered (Response.variant)
    respondent_type: str = ""
    services: tuple = ()

    @property
    def slice(self):
        return (self.round_id, self.channel, self.respondent_type, self.services)


def mark_stale(*, consultation_id) -> None:
    """Note that the figures no longer match the responses. Idempotent."""
    now = timezone.now()
    updated = FiguresState.objects.filter(
        consultation_id=consultation_id, stale_since__isnull=True
    ).update(stale_since=now)
    if not updated:
        # Already stale, or never built: one INSERT that a present row ignores
        # (no SELECT and savepoint on every submission).
        FiguresState.objects.bulk_create(
            [FiguresState(consultation_id=consultation_id, stale_since=now)],
            ignore_conflicts=True,
        )


def needs_refresh(state: FiguresState | None) -> bool:
    return state is None or state.built_at is None or state.stale_since is not None


def refresh_figures(*, consultation_id) -> FiguresState:
    """Rebuild every figure of one consultation from its current responses.

    Idempotent: the same responses give the same rows. Rebuilds of one
    consultation queue behind each other (the state row is locked); anything
    marked stale while a rebuild ran leaves the figures stale for the next.
    """
    with transaction.atomic():
        state, _ = FiguresState.objects.get_or_create(consultation_id=consultation_id)
        state = FiguresState.objects.select_for_update().get(pk=state.pk)
        started = timezone.now()
        people = _respondents(consultation_id)
        themes, quotes, tagged = _themes(consultation_id, people)
        FigureCell.objects.filter(consultation_id=consultation_id).delete()
        TaggedAnswer.objects.filter(consultation_id=consultation_id).delete()
        QuoteCandidate.objects.filter(consultation_id=consultation_id).delete()
        FigureCell.objects.bulk_create(
            _cells(consultation_id, people, themes), batch_size=BATCH
        )
        TaggedAnswer.objects.bulk_create(tagged, batch_size=BATCH)
        QuoteCandidate.objects.bulk_create(quotes, batch_size=BATCH)
        state.built_at, state.responses = started, len(people)
        if state.stale_since and state.stale_since <= started:
            state.stale_since = None
        state.save()
    return state


def ensure_fresh(*, consultation) -> FiguresState:
    """The figures for a page: rebuilt now when stale and small (or never
    built), otherwise queued, the page showing those of ``built_at``."""
    state = FiguresState.objects.filter(consultation=consultation).first()
    if state and state.built_at and state.stale_since is None:
        if _analysed_since(consultation, state.built_at):
            mark_stale(consultation_id=consultation.pk)
            state.refresh_from_db()
    if not needs_refresh(state):
        return state
    limit = getattr(settings, "REPORT_SYNC_REFRESH_LIMIT", 5000)
    if state is None or state.built_at is None:
        # Never built: count once to choose between now and a task.
        size = Response.objects.filter(round__consultation=consultation).count()
    else:
        size = state.responses
    if size <= limit:
        return refresh_figures(consultation_id=consultation.pk)
    from .tasks import refresh_report_figures

    mark_stale(consultation_id=consultation.pk)
    transaction.on_commit(lambda: refresh_report_figures.delay(str(consultation.pk)))
    return FiguresState.objects.get(consultation=consultation)


def _analysed_since(consultation, when) -> bool:
    """Analysis writes tags in bulk, without signals: new tags carry their
    time, and a run finished since may have changed existing ones."""
    runs = AnalysisRun.objects.filter(consultation=consultation, finished_at__gt=when)
    tags = ThemeAssignment.objects.filter(
        consultation=consultation, updated_at__gt=when
    )
    return runs.exists() or tags.exists()


def _respondents(consultation_id) -> dict:
    people = {
        pk: _Respondent(
            round_id, channel_group(channel), submitted.date().isoformat(), variant
        )
        for pk, round_id, channel, submitted, variant in Response.objects.filter(
            round__consultation_id=consultation_id, withdrawn_at__isnull=True
        ).values_list("pk", "round_id", "channel", "submitted_at", "variant")
    }
    answers = (
        Answer.objects.current()
        .filter(
            response__round__consultation_id=consultation_id,
            question__kind__in=(K.RESPONDENT_TYPE, K.SERVICES),
        )
        .values_list("response_id", "question__kind", "value")
    )
    for response_id, kind, value in answers.iterator(chunk_size=BATCH):
        person = people.get(response_id)
        if person is None or not value:
            continue
        if kind == K.RESPONDENT_TYPE:
            person.respondent_type = str(value[0])
        else:
            person.services = tuple(sorted({*person.services, *map(str, value)}))
    return people


def _choices(consultation_id, people) -> dict:
    """Per response: its (measure, subject, option, position) tuples."""
    measures = defaultdict(list)
    for pk, person in people.items():
        measures[pk] += [
            ("responses", "", "", 0),
            ("day", "", person.day, 0),
            ("version", "", person.variant, 0),
        ]
    answers = (
        Answer.objects.current()
        .filter(
            response__round__consultation_id=consultation_id,
            question__kind__in=CLOSED_KINDS,
        )
        .values_list("response_id", "question_id", "question__kind", "value")
    )
    for response_id, question_id, kind, value in answers.iterator(chunk_size=BATCH):
        if response_id not in people:
            continue
        if kind == K.RANKING:
            measures[response_id].append(("answered", str(question_id), "", 0))
            measures[response_id] += [
                ("rank", str(question_id), str(o)[:255], i)
                for i, o in enumerate(value or [], start=1)
            ]
        else:
            measures[response_id].append(("answered", str(question_id), "", 0))
            measures[response_id] += [
                ("choice", str(question_id), str(o)[:255], 0)
                for o in dict.fromkeys(value or [])
            ]
    return measures


def _themes(consultation_id, people):
    """Per response, per theme: the sentiment bucket; quote candidates; and
    each standing tag with its slice, for theme pages."""
    scores = defaultdict(list)
    evidence = defaultdict(list)
    tagged = []
    tags = (
        ThemeAssignment.objects.current()
        .standing()
        .filter(consultation_id=consultation_id)
        .values_list(
            "pk",
            "answer__response_id",
            "theme__key",
            "answer__analysis__sentiment",
            "evidence",
            "score",
        )
    )
    for pk, response_id, key, sentiment, sentence, score in tags.iterator(
        chunk_size=BATCH
    ):
        person = people.get(response_id)
        if person is None:
            continue
        tagged.append(
            TaggedAnswer(
                assignment_id=pk,
                consultation_id=consultation_id,
                theme_key=key,
                score=score,
                sentiment=sentiment_of(sentiment),
                round_id=person.round_id,
                channel=person.channel,
                respondent_type=person.respondent_type,
                services=_services_field(person.services),
            )
        )
        scores[(response_id, key)].append(sentiment or 0.0)
        if sentence.strip():
            evidence[key].append((score, sentence, sentiment, response_id))
    themes = {
        pair: sentiment_of(sum(values) / len(values)) for pair, values in scores.items()
    }
    quotes = []
    for key, rows in evidence.items():
        quotes += _quote_candidates(consultation_id, key, rows, people)
    return themes, quotes, tagged


def normalised(text: str) -> str:
    """What makes two quotes the same: case, spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _quote_candidates(consultation_id, key, rows, people) -> list[QuoteCandidate]:
    seen, out = set(), []
    for score, sentence, sentiment, response_id in sorted(
        rows, key=lambda r: (-r[0], str(r[3]))
    ):
        text = redact(" ".join(sentence.split()))
        if len(text) > QUOTE_LENGTH:
            text = text[: QUOTE_LENGTH - 1].rstrip() + "…"
        if normalised(text) in seen:
            continue
        seen.add(normalised(text))
        person = people[response_id]
        out.append(
            QuoteCandidate(
                consultation_id=consultation_id,
                theme_key=key,
                text=text,
                score=score,
                sentiment=sentiment_of(sentiment),
                round_id=person.round_id,
                channel=person.channel,
                respondent_type=person.respondent_type,
                services=_services_field(person.services),
            )
        )
        if len(out) >= QUOTE_CANDIDATES_PER_THEME:
            break
    return out


def _services_field(services) -> str:
    return "|" + "|".join(services) + "|" if services else ""


def _cells(consultation_id, people, themes):
    by_slice = defaultdict(Counter)
    measures = _choices(consultation_id, people)
    for (response_id, key), sentiment in themes.items():
        measures[response_id].append(("theme", key, sentiment, 0))
    for pk, person in people.items():
        by_slice[person.slice].update(measures[pk])
    for (round_id, channel, respondent_type, services), counts in by_slice.items():
        for service in (ALL_SERVICES, *services):
            for (measure, subject, option, position), count in counts.items():
                yield FigureCell(
                    consultation_id=consultation_id,
                    round_id=round_id,
                    channel=channel,
                    respondent_type=respondent_type,
                    service=service,
                    measure=measure,
                    subject=subject,
                    option=option,
                    position=position,
                    count=count,
                )
