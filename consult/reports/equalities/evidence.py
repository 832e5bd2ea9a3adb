"""The equality evidence, built once and stored, so that pages read it.

Building it means joining monitoring answers to responses, protecting about a
hundred linked tables (small linear programmes each), testing every
comparison, and tagging every free-text answer with the equalities codebook
(NLTK): seconds, and more in a fresh process. So a task builds it and stores
the published figures (``EvidenceSnapshot``); pages read the snapshot.

A snapshot carries a fingerprint of what it was built from: the responses
(count and last change), answers, theme tags, monitoring answers, the
population profile and the settings. Beat's ``equality_evidence.refresh_stale``
rebuilds, every minute, each snapshot whose fingerprint no longer matches. A
page that finds its snapshot stale shows it, dated, while a task rebuilds it;
with no snapshot yet, or with tasks running in process (no broker), it builds
one at once.
"""

import hashlib
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from consult.analysis.models import ThemeAssignment
from surveys.models import Answer, Consultation, EqualityMonitoring, Response

from .differences import group_differences
from .disclosure import threshold
from .evidence_json import from_json, to_json
from .impacts import equality_impacts
from .linked import load_people
from .models import EvidenceSnapshot
from .population import current_profile
from .profile import margin, respondent_profile

# Raise when what the evidence holds, or how it is protected, changes: every
# stored snapshot is then rebuilt.
EVIDENCE_VERSION = 2


def fingerprint(consultation) -> tuple[str, int]:
    """What the evidence depends on, hashed; and the number of responses."""
    responses = Response.objects.filter(round__consultation=consultation).aggregate(
        n=Count("pk"),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
        at=Max("updated_at"),
    )
    answers = Answer.objects.filter(
        response__round__consultation=consultation
    ).aggregate(n=Count("pk"), current=Count("pk", filter=Q(is_current=True)))
    tags = ThemeAssignment.objects.filter(consultation=consultation).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    monitoring = EqualityMonitoring.objects.filter(
        round__consultation=consultation
    ).count()
    population = current_profile()
    main = consultation.main_round
    parts = [
        EVIDENCE_VERSION, consultation.pk, main.pk if main else None,
        responses["n"], responses["withdrawn"], responses["at"],
        answers["n"], answers["current"], tags["n"], tags["at"], monitoring,
        population.pk if population else None,
        population.updated_at if population else None,
        threshold(), margin(),
    ]  # fmt: skip
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return digest, responses["n"] - responses["withdrawn"]


def build_evidence(consultation) -> dict:
    """Everything the page shows (before storing): protected profiles,
    comparisons built on them, and the impacts raised in free text."""
    population = current_profile()
    people = load_people(consultation.main_round)
    profiles = respondent_profile(consultation, population, people=people)
    return {
        "population": population,
        "profiles": profiles,
        "differences": group_differences(consultation, profiles, people),
        "impacts": equality_impacts(consultation),
    }


def refresh_evidence(*, consultation_id) -> EvidenceSnapshot | None:
    """Build and store one consultation's evidence. Idempotent: with nothing
    changed since the stored snapshot, nothing is rebuilt."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return None
    digest, responses = fingerprint(consultation)
    stored = EvidenceSnapshot.objects.filter(consultation=consultation).first()
    if stored and stored.fingerprint == digest:
        return stored
    started = time.perf_counter()
    built_at = timezone.now()
    data = to_json(**build_evidence(consultation))
    with transaction.atomic():
        snapshot, _ = EvidenceSnapshot.objects.update_or_create(
            consultation=consultation,
            defaults={
                "fingerprint": digest,
                "data": data,
                "responses": responses,
                "built_at": built_at,
                "seconds": time.perf_counter() - started,
            },
        )
    return snapshot


def current_evidence(consultation) -> dict:
    """The evidence for a page: the stored snapshot, with ``built_at`` and
    ``stale``. See the module's docstring for when it is rebuilt first."""
    digest, _ = fingerprint(consultation)
    snapshot = EvidenceSnapshot.objects.filter(consultation=consultation).first()
    stale = snapshot is not None and snapshot.fingerprint != digest
    if snapshot is None or (stale and settings.CELERY_TASK_ALWAYS_EAGER):
        snapshot = refresh_evidence(consultation_id=consultation.pk)
        stale = False
    elif stale:
        from .tasks import refresh_evidence_task

        pk = str(consultation.pk)
        transaction.on_commit(lambda: refresh_evidence_task.delay(pk))
    return {**from_json(snapshot.data), "built_at": snapshot.built_at, "stale": stale}


def refresh_stale() -> int:
    """Rebuild every consultation's evidence whose snapshot no longer matches
    (and build it for consultations with monitoring answers and none yet)."""
    ids = set(
        EqualityMonitoring.objects.values_list("round__consultation_id", flat=True)
    ) | set(EvidenceSnapshot.objects.values_list("consultation_id", flat=True))
    rebuilt = 0
    for consultation_id in sorted(ids, key=str):
        before = EvidenceSnapshot.objects.filter(
            consultation_id=consultation_id
        ).values_list("built_at", flat=True)
        before = before.first()
        snapshot = refresh_evidence(consultation_id=consultation_id)
        if snapshot is not None and snapshot.built_at != before:
            rebuilt += 1
    return rebuilt
