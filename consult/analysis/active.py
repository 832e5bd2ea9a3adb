"""Learn where it counts: the answers whose tags the learner is least sure of.

Deciding on those teaches the most (uncertainty sampling): an answer the model
already tags with confidence adds little when an officer confirms it. The
review page offers them as "check these next"; ``tests/eval/active_learning.py``
measures what it buys against labels chosen at random.
"""

import math
from dataclasses import dataclass

from .learning import DEFAULT_THRESHOLD, ThemeLearner
from .models import AnswerAnalysis, ThemeAssignment
from .text import AnalysedText

# Undecided answers scored per request: the newest, enough to find good ones.
MAX_CANDIDATES = 2000


@dataclass
class CheckNext:
    answer_id: int
    text: str
    theme_key: str  # the theme it is least sure of, for its review page
    doubt: float


def doubt(learner: ThemeLearner, probs: dict[str, float]) -> float:
    """How unsure the learner is about one answer, 0 (sure) to 1 (a coin toss).

    Multi-label: the theme nearest its own threshold decides. Single-label: how
    close the two likeliest themes are.
    """
    if not probs:
        return 0.0
    if learner.multiclass is not None:
        top = sorted(probs.values(), reverse=True)[:2] + [0.0]
        return 1.0 - (top[0] - top[1])
    nearest = min(
        abs(math.log(max(p, 1e-6) / learner.thresholds.get(t, DEFAULT_THRESHOLD)))
        for t, p in probs.items()
    )
    return math.exp(-nearest)


def least_sure(
    learner: ThemeLearner, analysed: list[AnalysedText], questions=None, limit=10
) -> list[int]:
    """Positions of the ``limit`` answers the learner is least sure of, most first."""
    probs = learner.probabilities_many(analysed, questions)
    scored = [(doubt(learner, p), i) for i, p in enumerate(probs) if analysed[i].tokens]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [i for d, i in scored[:limit] if d > 0]


def check_next(*, codebook, limit: int = 10) -> list[CheckNext]:
    """Undecided answers worth deciding next, least sure first.

    Only current answers of responses not withdrawn, none of whose tags anyone
    has decided yet. Read-only; empty until the learner has learnt a theme.
    """
    from .training import learner_for

    learner = learner_for(codebook)
    if not learner.learnt_themes:
        return []
    decided = ThemeAssignment.objects.filter(theme__codebook=codebook).exclude(
        decision=ThemeAssignment.Decision.PENDING
    )
    rows = list(
        AnswerAnalysis.objects.filter(
            consultation_id=codebook.consultation_id,
            is_empty=False,
            answer__is_current=True,
            answer__response__withdrawn_at__isnull=True,
        )
        .exclude(answer_id__in=decided.values("answer_id"))
        .order_by("-answer_id")
        .values_list("answer_id", "answer__text", "features")[:MAX_CANDIDATES]
    )
    analysed = [AnalysedText.from_dict(f) for _, _, f in rows]
    chosen = least_sure(learner, analysed, limit=limit)
    probs = learner.probabilities_many([analysed[i] for i in chosen])
    return [
        CheckNext(rows[i][0], rows[i][1], _nearest(learner, p), doubt(learner, p))
        for i, p in zip(chosen, probs, strict=True)
    ]


def _nearest(learner: ThemeLearner, probs: dict[str, float]) -> str:
    """The theme whose probability is nearest its threshold."""
    return min(
        probs,
        key=lambda t: abs(
            math.log(max(probs[t], 1e-6) / learner.thresholds.get(t, DEFAULT_THRESHOLD))
        ),
    )
