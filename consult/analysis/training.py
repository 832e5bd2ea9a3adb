"""Learning from officers' decisions: the examples, the learner, its measured skill.

An answer someone has decided on at least one tag is an example; its label is
the set of themes confirmed on it (rejected and undecided tags count as
absent). The learner is fitted from the database state, so any worker on any
host fits the same one; a process keeps the last fitted learner while that
state is unchanged, only to save time.
"""

import threading
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from .learning import ThemeLearner
from .models import AnswerAnalysis, Codebook, ThemeAssignment
from .text import AnalysedText

# The newest decisions are enough to learn from and keep a worker's memory flat.
MAX_EXAMPLES = 3000

_cache: dict = {}
_lock = threading.Lock()


def _decided(codebook: Codebook):
    return ThemeAssignment.objects.filter(
        theme__codebook=codebook,
        answer__is_current=True,
        answer__response__withdrawn_at__isnull=True,
    ).exclude(decision=ThemeAssignment.Decision.PENDING)


def question_key(question_id) -> str | None:
    """The question as the learner's feature: which question, not its wording."""
    return f"q{question_id}" if question_id else None


def examples(codebook: Codebook) -> list[tuple[AnalysedText, set[str]]]:
    """(analysis, confirmed theme keys) for the newest decided answers."""
    return [(a, themes) for a, themes, _ in _examples(codebook)]


def _examples(codebook: Codebook) -> list[tuple[AnalysedText, set[str], str | None]]:
    """(analysis, confirmed theme keys, question) for the newest decided answers."""
    answer_ids = list(
        _decided(codebook)
        .values("answer_id")
        .annotate(last=Max("decided_at"))
        .order_by("-last")
        .values_list("answer_id", flat=True)[:MAX_EXAMPLES]
    )
    confirmed = defaultdict(set)
    for answer_id, key in ThemeAssignment.objects.filter(
        answer_id__in=answer_ids,
        theme__codebook=codebook,
        decision=ThemeAssignment.Decision.CONFIRMED,
    ).values_list("answer_id", "theme__key"):
        confirmed[answer_id].add(key)
    features = {
        pk: (features, question_id)
        for pk, features, question_id in AnswerAnalysis.objects.filter(
            answer_id__in=answer_ids
        ).values_list("answer_id", "features", "answer__question_id")
    }
    return [
        (
            AnalysedText.from_dict(features[pk][0]),
            confirmed[pk],
            question_key(features[pk][1]),
        )
        for pk in answer_ids
        if pk in features
    ]


def _state(codebook: Codebook) -> tuple:
    themes = codebook.themes.aggregate(n=Count("pk"), changed=Max("updated_at"))
    decisions = _decided(codebook).aggregate(n=Count("pk"), last=Max("decided_at"))
    return (
        codebook.pk,
        codebook.updated_at,
        themes["n"],
        themes["changed"],
        decisions["n"],
        decisions["last"],
        settings.ANALYSIS_ENCODER,
    )


def learner_for(codebook: Codebook) -> ThemeLearner:
    """The codebook's rules plus what its decisions teach (rules alone without)."""
    state = _state(codebook)
    with _lock:
        cached = _cache.get(codebook.pk)
        if cached and cached[0] == state:
            return cached[1]
    learner = ThemeLearner(codebook.rules(), encoder=settings.ANALYSIS_ENCODER)
    if state[4]:
        found = _examples(codebook)
        learner.fit([(a, t) for a, t, _ in found], [q for _, _, q in found])
    with _lock:
        _cache.clear()  # one codebook's learner per process at a time
        _cache[codebook.pk] = (state, learner)
    return learner


def measure_learning(*, codebook: Codebook) -> dict:
    """Cross-validated precision and recall per theme on the decisions, stored on
    the codebook for the admin. Idempotent: the same decisions give the same figures.
    """
    found = examples(codebook)
    stats = {}
    if len(found) >= 2:
        learner = ThemeLearner(codebook.rules(), encoder=settings.ANALYSIS_ENCODER)
        stats = learner.cross_validate(found, folds=min(5, len(found)))
    Codebook.objects.filter(pk=codebook.pk).update(
        learning_stats=stats, learning_measured_at=timezone.now()
    )
    codebook.learning_stats = stats
    return stats
