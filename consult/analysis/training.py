"""Learning from officers' decisions: the examples, the learner, its measured skill.

An answer someone has decided on at least one tag is an example; its label is
the set of themes confirmed on it (rejected and undecided tags count as
absent), with its question as a feature.

Fit once, store, load: ``fit_model`` (the ``analysis.fit_model`` task, or
``manage.py fit_theme_model``) fits the learner and stores it, versioned by a
hash of the codebook and the decisions it learnt from. ``learner_for`` loads
the stored learner of the current version; while that is being fitted it uses
the newest stored one (or the codebook's rules, before any decision) and asks
for a fit. No worker fits its own copy.
"""

import hashlib
import logging
import pickle  # noqa: S403 -- only our own fit_model writes what is loaded
import threading
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from .fitted import FittedModel
from .learning import ThemeLearner
from .models import AnswerAnalysis, Codebook, ThemeAssignment
from .text import AnalysedText

log = logging.getLogger(__name__)
# A fit that has not finished in this long is taken to have died.
FIT_LEASE = timedelta(minutes=30)

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


def model_version(codebook: Codebook) -> str:
    """What a fitted learner depends on, as a hash: themes and decisions."""
    return hashlib.sha256(repr(_state(codebook)).encode()).hexdigest()


def learner_for(codebook: Codebook) -> ThemeLearner:
    """The stored learner of the codebook's current version (see the module
    docstring). A process keeps the last one it loaded while the version holds."""
    state = _state(codebook)
    version = model_version(codebook)
    with _lock:
        cached = _cache.get(codebook.pk)
        if cached and cached[0] == version:
            return cached[1]
    if not state[4]:  # no decisions yet: the rules alone
        learner = ThemeLearner(codebook.rules(), encoder=settings.ANALYSIS_ENCODER)
    else:
        learner = _load(codebook, version)
    with _lock:
        _cache.clear()  # one codebook's learner per process at a time
        _cache[codebook.pk] = (version, learner)
    return learner


def _load(codebook: Codebook, version: str) -> ThemeLearner:
    stored = FittedModel.objects.filter(
        codebook=codebook, version=version, status=FittedModel.Status.READY
    ).first()
    if stored is None:
        if not FittedModel.objects.filter(codebook=codebook, version=version).exists():
            from .tasks import fit_codebook_model

            # Runs here with an eager broker (tests, development), else on a worker.
            fit_codebook_model.delay(str(codebook.pk))
        stored = (
            FittedModel.objects.filter(
                codebook=codebook, status=FittedModel.Status.READY
            )
            .order_by("-finished_at")
            .first()
        )
    if stored is None:
        return ThemeLearner(codebook.rules(), encoder=settings.ANALYSIS_ENCODER)
    learner = pickle.loads(bytes(stored.learner))  # noqa: S301 -- see the import
    if stored.version != version:
        learner.rules = codebook.rules()  # the newest themes, until refitted
    return learner


def fit_model(*, codebook: Codebook, progress=None) -> FittedModel:
    """Fit the learner on the codebook's decisions and store it under its version.

    Idempotent: a version already stored is returned as it is, and a fit
    another worker is running (claimed less than ``FIT_LEASE`` ago) is left to
    it. Older versions are deleted once the new one is stored. ``progress``,
    if given, is called with a line of text at each step.
    """
    say = progress or (lambda _text: None)
    version = model_version(codebook)
    row, created = FittedModel.objects.get_or_create(codebook=codebook, version=version)
    if not created:
        if row.status == FittedModel.Status.READY:
            return row
        claimed = FittedModel.objects.filter(pk=row.pk).exclude(
            status=FittedModel.Status.FITTING,
            started_at__gt=timezone.now() - FIT_LEASE,
        )
        if not claimed.update(
            status=FittedModel.Status.FITTING, started_at=timezone.now()
        ):
            return row
    _step(row, say, "Reading the decisions")
    try:
        found = _examples(codebook)
        _step(row, say, f"Fitting on {len(found):,} decided answers")
        learner = ThemeLearner(codebook.rules(), encoder=settings.ANALYSIS_ENCODER)
        learner.fit([(a, t) for a, t, _ in found], [q for _, _, q in found])
        blob = pickle.dumps(learner, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        FittedModel.objects.filter(pk=row.pk).update(
            status=FittedModel.Status.FAILED, error=str(exc)[:2000]
        )
        raise
    FittedModel.objects.filter(pk=row.pk).update(
        status=FittedModel.Status.READY,
        learner=blob,
        size=len(blob),
        examples=len(found),
        progress=f"Fitted on {len(found):,} decided answers",
        finished_at=timezone.now(),
    )
    FittedModel.objects.filter(codebook=codebook).exclude(pk=row.pk).delete()
    say(f"Stored: {len(blob) / 1e6:.1f} MB, version {version[:12]}")
    log.info("theme model fitted", extra={"codebook": str(codebook.pk)})
    row.refresh_from_db()
    return row


def _step(row: FittedModel, say, text: str) -> None:
    FittedModel.objects.filter(pk=row.pk).update(progress=text)
    say(text)


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
