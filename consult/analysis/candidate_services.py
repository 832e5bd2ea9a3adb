"""Writes for candidate themes: refreshing what discovery proposes from the
stored analyses, and officers' decisions (accept, rename, merge, dismiss).
Keyword-only, atomic, each saying whether it is idempotent."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .candidates import CandidateTheme
from .discovery import discover_themes
from .models import AnswerAnalysis, Codebook, Theme
from .text import AnalysedText

log = logging.getLogger(__name__)
MAX_PHRASES = 10
MAX_QUOTES = 5


class CandidateError(Exception):
    """A decision that cannot be made; the message says why, for the officer."""


def min_answers_for(count: int) -> int:
    """A candidate needs 3 answers, or 0.5% of a large consultation's."""
    return max(3, count // 200)


def refresh_candidates(*, consultation) -> int:
    """Propose candidate themes from the consultation's stored analyses.

    Discovery runs against the current codebook, so themes added since drop
    out. A proposal found again keeps its row (and any new name an officer gave
    it) with fresh figures; one no longer found is removed; accepted, merged
    and dismissed candidates are never changed. Idempotent: the same analyses
    and codebook give the same rows. Returns the number of proposals.
    """
    rows = (
        AnswerAnalysis.objects.filter(
            consultation=consultation,
            is_empty=False,
            # What people say now: not withdrawn responses, not superseded answers.
            answer__is_current=True,
            answer__response__withdrawn_at__isnull=True,
        )
        .order_by("answer_id")
        .values_list("answer_id", "features")
    )
    ids, analysed = [], []
    for answer_id, features in rows.iterator(chunk_size=2000):
        ids.append(answer_id)
        analysed.append(AnalysedText.from_dict(features))
    codebook = Codebook.objects.filter(consultation=consultation).first()
    found = discover_themes(
        analysed,
        codebook.rules() if codebook else [],
        ids=ids,
        min_answers=min_answers_for(len(ids)),
    )
    fresh = {
        c.label: {
            "phrases": [{"text": p.text, "answers": p.answers} for p in c.phrases],
            "quotes": [{"answer": q.answer, "text": q.text} for q in c.quotes],
            "answer_ids": c.answers,
            "answer_count": c.answer_count,
        }
        for c in found
    }
    with transaction.atomic():
        existing = {
            c.origin: c
            for c in CandidateTheme.objects.select_for_update().filter(
                consultation=consultation
            )
        }
        merged_into: dict[str, list[str]] = {}
        for c in existing.values():
            if c.status == CandidateTheme.Status.MERGED and c.merged_into_id:
                target = next(
                    (t for t in existing.values() if t.pk == c.merged_into_id), None
                )
                if target:
                    merged_into.setdefault(target.origin, []).append(c.origin)
        for origin, data in fresh.items():
            row = existing.get(origin)
            if row is None:
                CandidateTheme.objects.create(
                    consultation=consultation, origin=origin, label=origin, **data
                )
            elif row.status == CandidateTheme.Status.PROPOSED:
                parts = [data] + [
                    fresh[o] for o in merged_into.get(origin, []) if o in fresh
                ]
                _set_figures(row, _combined(parts))
                row.save()
        stale = [
            c.pk
            for origin, c in existing.items()
            if origin not in fresh and c.status == CandidateTheme.Status.PROPOSED
        ]
        CandidateTheme.objects.filter(pk__in=stale).delete()
    log.info(
        "candidate themes refreshed",
        extra={
            "consultation": str(consultation.pk),
            "answers": len(ids),
            "proposed": len(fresh),
            "removed": len(stale),
        },
    )
    return len(fresh)


def accept_candidate(*, candidate: CandidateTheme, user) -> Theme:
    """Add the candidate to the codebook as a theme whose signals are its
    phrases (answers get it when analysis next runs). Idempotent: accepting
    again returns the same theme."""
    with transaction.atomic():
        candidate = _locked(candidate)
        if candidate.status == CandidateTheme.Status.ACCEPTED and candidate.theme:
            return candidate.theme
        _require_proposed(candidate)
        codebook, _created = Codebook.objects.get_or_create(
            consultation_id=candidate.consultation_id
        )
        order = codebook.themes.aggregate(m=Max("sort_order"))["m"]
        theme = Theme.objects.create(
            codebook=codebook,
            key=_unique_key(codebook, candidate.label),
            name=candidate.label,
            description=(
                f"Found by theme discovery in {candidate.answer_count} answers."
            ),
            signals="\n".join(candidate.phrase_texts),
            sort_order=(order or 0) + 1,
        )
        _decide(candidate, CandidateTheme.Status.ACCEPTED, user, theme=theme)
    log.info(
        "candidate theme accepted",
        extra={"candidate": str(candidate.pk), "theme": theme.key},
    )
    return theme


def rename_candidate(*, candidate: CandidateTheme, label: str, user) -> None:
    """Give a proposal the name officers would use. Idempotent."""
    with transaction.atomic():
        candidate = _locked(candidate)
        _require_proposed(candidate)
        candidate.label = label.strip()
        candidate.save(update_fields=["label", "updated_at"])


def merge_candidates(*, candidate: CandidateTheme, into: CandidateTheme, user) -> None:
    """Fold one proposal into another: its phrases, quotes and answers join the
    other's. Idempotent: merging an already merged candidate again does nothing."""
    with transaction.atomic():
        candidate, into = _locked(candidate), _locked(into)
        if candidate.merged_into_id == into.pk:
            return
        if candidate.pk == into.pk:
            raise CandidateError(_("Choose a different candidate to merge into."))
        if candidate.consultation_id != into.consultation_id:
            raise CandidateError(_("Both candidates must be from one consultation."))
        _require_proposed(candidate)
        _require_proposed(into)
        _set_figures(into, _combined([_figures(into), _figures(candidate)]))
        into.save()
        _decide(candidate, CandidateTheme.Status.MERGED, user, merged_into=into)


def dismiss_candidate(*, candidate: CandidateTheme, user) -> None:
    """Decide a proposal is not a theme; refreshes keep it dismissed. Idempotent."""
    with transaction.atomic():
        candidate = _locked(candidate)
        if candidate.status == CandidateTheme.Status.DISMISSED:
            return
        _require_proposed(candidate)
        _decide(candidate, CandidateTheme.Status.DISMISSED, user)


def _locked(candidate: CandidateTheme) -> CandidateTheme:
    return CandidateTheme.objects.select_for_update().get(pk=candidate.pk)


def _require_proposed(candidate: CandidateTheme) -> None:
    if candidate.status != CandidateTheme.Status.PROPOSED:
        raise CandidateError(
            _("“%(theme)s” is already %(status)s.")
            % {
                "theme": candidate.label,
                "status": candidate.get_status_display().lower(),
            }
        )


def _decide(candidate, status, user, **fields) -> None:
    candidate.status = status
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save()


def _figures(candidate: CandidateTheme) -> dict:
    return {
        "phrases": candidate.phrases,
        "quotes": candidate.quotes,
        "answer_ids": candidate.answer_ids,
        "answer_count": candidate.answer_count,
    }


def _set_figures(candidate: CandidateTheme, figures: dict) -> None:
    for name, value in figures.items():
        setattr(candidate, name, value)


def _combined(parts: list[dict]) -> dict:
    """Several candidates' figures as one: phrases by use, quotes in turn."""
    phrases: dict[str, int] = {}
    for part in parts:
        for p in part["phrases"]:
            phrases[p["text"]] = max(phrases.get(p["text"], 0), p["answers"])
    quotes, seen = [], set()
    for part in parts:
        for q in part["quotes"]:
            if q["text"] not in seen:
                seen.add(q["text"])
                quotes.append(q)
    answers = sorted({a for part in parts for a in part["answer_ids"]})
    return {
        "phrases": [
            {"text": text, "answers": count}
            for text, count in sorted(phrases.items(), key=lambda kv: (-kv[1], kv[0]))
        ][:MAX_PHRASES],
        "quotes": quotes[:MAX_QUOTES],
        "answer_ids": answers,
        "answer_count": len(answers),
    }


def _unique_key(codebook: Codebook, label: str) -> str:
    base = slugify(label)[:50] or "theme"
    taken = set(codebook.themes.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key
