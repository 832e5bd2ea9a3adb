"""Reads for the analysis pages: themes with counts, sentiment and quotes,
agreement with human decisions, and the signals behind rejected tags.

Each is a fixed number of queries whatever the number of themes or answers.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber

from .learning import scores
from .models import Codebook, Theme, ThemeAssignment
from .querysets import standing_q
from .redaction import redact
from .text import clean

QUOTES_PER_THEME = 3
# Sentences read per quote shown, so that repeats can be skipped.
QUOTE_CANDIDATES = 5


@dataclass
class ThemeSummary:
    theme: Theme
    answers: int = 0
    sentiment: float | None = None
    confirmed: int = 0
    rejected: int = 0
    pending: int = 0
    quotes: list[str] = field(default_factory=list)
    precision: float | None = None
    recall: float | None = None
    learnt: dict = field(default_factory=dict)

    @property
    def decisions(self) -> int:
        return self.confirmed + self.rejected


def theme_summaries(codebook: Codebook) -> list[ThemeSummary]:
    """Every theme of the codebook with its figures, in codebook order."""
    themes = list(codebook.themes.select_related("parent"))
    tags = ThemeAssignment.objects.current().filter(theme__codebook=codebook)
    counts = {
        row["theme_id"]: row
        for row in tags.values("theme_id").annotate(
            answers=Count("pk", filter=standing_q()),
            sentiment=Avg("answer__analysis__sentiment", filter=standing_q()),
            confirmed=Count("pk", filter=Q(decision="confirmed")),
            rejected=Count("pk", filter=Q(decision="rejected")),
            pending=Count("pk", filter=Q(decision="pending", suggested=True)),
        )
    }
    agreement = agreement_by_theme(codebook)
    quotes = top_quotes(codebook)
    out = []
    for theme in themes:
        row = counts.get(theme.pk, {})
        summary = ThemeSummary(
            theme=theme,
            answers=row.get("answers", 0),
            sentiment=row.get("sentiment"),
            confirmed=row.get("confirmed", 0),
            rejected=row.get("rejected", 0),
            pending=row.get("pending", 0),
            quotes=quotes.get(theme.pk, []),
            learnt=codebook.learning_stats.get(theme.key, {}),
        )
        summary.precision, summary.recall = agreement.get(theme.pk, (None, None))
        out.append(summary)
    return out


def top_quotes(codebook: Codebook) -> dict:
    """The strongest standing evidence sentences per theme, redacted, each once:
    many answers share a sentence (a pasted campaign text, an amended answer)."""
    ranked = (
        ThemeAssignment.objects.current()
        .standing()
        .filter(theme__codebook=codebook)
        .exclude(evidence="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("theme_id")],
                order_by=[F("score").desc(), F("created_at").asc()],
            )
        )
        .filter(rank__lte=QUOTES_PER_THEME * QUOTE_CANDIDATES)
        .values_list("theme_id", "evidence")
    )
    quotes: dict = {}
    for theme_id, evidence in ranked:
        kept = quotes.setdefault(theme_id, [])
        quote = redact(evidence)
        if len(kept) < QUOTES_PER_THEME and quote not in kept:
            kept.append(quote)
    return quotes


def agreement_by_theme(codebook: Codebook) -> dict:
    """Per theme id: (precision, recall) of the automatic tags against decisions.

    A confirmed suggestion is a true positive, a rejected one a false positive,
    a confirmed tag the machine did not suggest (added by a person, or dropped
    by a re-run) a false negative. None where there is nothing to measure.
    """
    rows = (
        ThemeAssignment.objects.current()
        .filter(theme__codebook=codebook)
        .values("theme_id")
        .annotate(
            tp=Count("pk", filter=Q(suggested=True, decision="confirmed")),
            fp=Count("pk", filter=Q(suggested=True, decision="rejected")),
            fn=Count("pk", filter=Q(suggested=False, decision="confirmed")),
        )
    )
    out = {}
    for row in rows:
        figures = scores(Counter(tp=row["tp"], fp=row["fp"], fn=row["fn"]))
        out[row["theme_id"]] = (
            figures["precision"] if row["tp"] + row["fp"] else None,
            figures["recall"] if row["tp"] + row["fn"] else None,
        )
    return out


def rejected_signals(theme: Theme) -> list[tuple[str, int, int]]:
    """(signal, times its matches were rejected, times confirmed), most rejected
    first: what an officer might take out of, or narrow in, the codebook."""
    rejected, confirmed = Counter(), Counter()
    for decision, found in (
        ThemeAssignment.objects.filter(theme=theme)
        .exclude(decision="pending")
        .values_list("decision", "matched_signals")
    ):
        (rejected if decision == "rejected" else confirmed).update(found or [])
    return sorted(
        ((s, n, confirmed.get(s, 0)) for s, n in rejected.items()),
        key=lambda row: (-row[1], row[0]),
    )


def contradicted_signals(rows: list[tuple[str, int, int]]) -> list[str]:
    """Advice on the signals officers' decisions mostly contradict, from
    ``rejected_signals``: rejected in at least 5 decisions and 80% of them."""
    return [
        f"'{signal}': rejected {rejected} of {rejected + confirmed} times. Remove it?"
        for signal, rejected, confirmed in rows
        if rejected >= 5 and rejected >= 0.8 * (rejected + confirmed)
    ]


def highlighted(text: str, evidence: str) -> tuple[str, str, str]:
    """The answer split around its evidence sentence, each part redacted, so a
    template can mark the evidence up without marking anything else safe."""
    text = clean(text)[0]
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return redact(text), "", ""
    end = at + len(evidence)
    return redact(text[:at]), redact(evidence), redact(text[end:])
