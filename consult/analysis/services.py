"""Writes for analysis: stored analyses, theme assignments, human decisions and
codebook imports. Keyword-only, atomic, each saying whether it is idempotent.

Runs (chunking, claiming, resuming) are in ``runs.py``.
"""

import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from surveys.models import Answer

from .matching import ThemeRule, signals_found
from .models import AnswerAnalysis, Codebook, Theme, ThemeAssignment, text_hash
from .text import PIPELINE_VERSION, AnalysedText, analyse_many
from .training import learner_for, question_key

log = logging.getLogger(__name__)


def store_analyses(answers: list[Answer]) -> dict[int, AnalysedText]:
    """The pipeline's output for each answer, computed only when missing or stale.

    An analysis is reused while its answer's text hash and the pipeline version
    are unchanged; an answer whose text equals one already analysed in the same
    consultation (an amended response, a repeated "No") copies it. Idempotent:
    concurrent callers upsert the same row (one per answer).
    """
    if not answers:
        return {}
    existing = {
        a.answer_id: a
        for a in AnswerAnalysis.objects.filter(answer__in=[x.pk for x in answers])
    }
    result: dict[int, AnalysedText] = {}
    stale = []
    for answer in answers:
        stored = existing.get(answer.pk)
        if stored and stored.is_current_for(answer.text, PIPELINE_VERSION):
            result[answer.pk] = AnalysedText.from_dict(stored.features)
        else:
            stale.append(answer)
    if not stale:
        return result
    hashes = {answer.pk: text_hash(answer.text) for answer in stale}
    reusable = _reusable_features(stale[0].consultation_id, set(hashes.values()))
    to_compute = [a for a in stale if hashes[a.pk] not in reusable]
    computed = dict(
        zip(
            (a.pk for a in to_compute),
            # PostgreSQL's JSON cannot hold NUL characters; they carry nothing.
            analyse_many(a.text.replace("\x00", "") for a in to_compute),
            strict=True,
        )
    )
    rows = []
    for answer in stale:
        analysed = computed.get(answer.pk) or AnalysedText.from_dict(
            reusable[hashes[answer.pk]]
        )
        result[answer.pk] = analysed
        rows.append(
            AnswerAnalysis(
                answer_id=answer.pk,
                consultation_id=answer.consultation_id,
                text_hash=hashes[answer.pk],
                pipeline_version=PIPELINE_VERSION,
                features=analysed.to_dict(),
                sentiment=analysed.sentiment,
                is_empty=not analysed.tokens,
                truncated=analysed.truncated,
                language_ok=analysed.language_ok,
                updated_at=timezone.now(),
            )
        )
    AnswerAnalysis.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["answer"],
        update_fields=[
            "text_hash",
            "pipeline_version",
            "features",
            "sentiment",
            "is_empty",
            "truncated",
            "language_ok",
            "updated_at",
        ],
    )
    log.info(
        "answers analysed",
        extra={"computed": len(to_compute), "reused": len(answers) - len(to_compute)},
    )
    return result


def _reusable_features(consultation_id, hashes: set[str]) -> dict[str, dict]:
    """Stored features by text hash: one row per text, however many share it.

    A consultation can hold thousands of identical answers ("No", a pasted
    campaign text); reading all of them on every submission would grow with
    the consultation.
    """
    same_text = AnswerAnalysis.objects.filter(
        consultation_id=consultation_id,
        text_hash__in=hashes,
        pipeline_version=PIPELINE_VERSION,
    )
    first_of_each = same_text.values("text_hash").annotate(first=Min("pk"))
    return dict(
        AnswerAnalysis.objects.filter(pk__in=first_of_each.values("first")).values_list(
            "text_hash", "features"
        )
    )


def _with_consultation(answers) -> list[Answer]:
    for answer in answers:
        answer.consultation_id = answer.response.round.consultation_id
    return answers


def load_answers(answer_ids) -> list[Answer]:
    """Answers and their consultation ids, in one query."""
    return _with_consultation(
        Answer.objects.filter(pk__in=list(answer_ids))
        .select_related("response__round")
        .only("pk", "text", "question_id", "response__round__consultation_id")
    )


def analyse_answers(*, answers: list[Answer], codebook: Codebook | None) -> int:
    """Store each answer's analysis and (with a codebook) its suggested themes.

    All answers belong to the codebook's consultation. Idempotent: running it
    twice gives the same rows; decisions people made are never changed.
    """
    analysed = store_analyses(answers)
    if codebook is None:
        return len(answers)
    learner = learner_for(codebook)
    themes = {t.key: t for t in codebook.themes.all()}
    rules = {r.key: r for r in learner.rules}
    ids = list(analysed)
    question_of = {a.pk: question_key(a.question_id) for a in answers}
    # One batch through the learner, the same code analyse_file uses.
    predicted = learner.predict_many(
        [analysed[pk] for pk in ids], [question_of.get(pk) for pk in ids]
    )
    with transaction.atomic():
        apply_suggestions(
            consultation_id=codebook.consultation_id,
            suggestions={
                pk: _suggest(matches, rules, themes, analysed[pk])
                for pk, matches in zip(ids, predicted, strict=True)
            },
        )
    return len(answers)


def _suggest(matches, rules: dict, themes: dict, analysed) -> list:
    if not analysed.tokens:
        return []
    out = []
    for match in matches:
        theme = themes.get(match.theme)
        if theme is None:
            continue
        found = signals_found(analysed, rules[match.theme])
        source = ThemeAssignment.Source.RULE if found else ThemeAssignment.Source.LEARNT
        out.append((theme, match.score, match.evidence, found, source))
    return out


def apply_suggestions(*, consultation_id, suggestions: dict[int, list]) -> None:
    """Make the stored assignments of these answers what the machine suggests.

    New suggestions are added pending; existing ones get the new score and
    evidence, their decision untouched; a pending tag no longer suggested is
    removed, a decided one stays with ``suggested=False``. Idempotent.
    """
    _write_suggestions(*_plan_suggestions(consultation_id, suggestions))


def _plan_suggestions(consultation_id, suggestions: dict[int, list]):
    """The rows to create, update and drop: read now, written by
    ``_write_suggestions`` (an officer may decide a tag in between)."""
    existing = defaultdict(dict)
    for a in ThemeAssignment.objects.filter(answer__in=list(suggestions)):
        existing[a.answer_id][a.theme_id] = a
    create, update, drop = [], [], []
    for answer_id, suggested in suggestions.items():
        current = existing.get(answer_id, {})
        seen = set()
        for theme, score, evidence, found, source in suggested:
            seen.add(theme.pk)
            row = current.get(theme.pk)
            if row is None:
                create.append(
                    ThemeAssignment(
                        answer_id=answer_id,
                        theme=theme,
                        consultation_id=consultation_id,
                        score=score,
                        evidence=evidence,
                        matched_signals=found,
                        source=source,
                    )
                )
                continue
            if row.source == ThemeAssignment.Source.HUMAN:
                source = row.source
            row.suggested, row.score, row.evidence = True, score, evidence
            row.matched_signals, row.source = found, source
            update.append(row)
        for theme_id, row in current.items():
            if theme_id in seen:
                continue
            if row.decision == ThemeAssignment.Decision.PENDING:
                drop.append(row.pk)
            elif row.suggested:
                row.suggested = False
                update.append(row)
    return create, update, drop


def _write_suggestions(create, update, drop) -> None:
    # Only where still pending: a tag confirmed since it was read stays.
    ThemeAssignment.objects.filter(
        pk__in=drop, decision=ThemeAssignment.Decision.PENDING
    ).delete()
    ThemeAssignment.objects.bulk_create(create, ignore_conflicts=True)
    ThemeAssignment.objects.bulk_update(
        update, ["suggested", "score", "evidence", "matched_signals", "source"]
    )


@transaction.atomic
def decide(*, assignment: ThemeAssignment, user, decision: str) -> ThemeAssignment:
    """Record a person's confirmation or rejection of a tag.

    Re-runs never change it (see ``apply_suggestions``); the learner and the
    agreement figures read it. Every change of mind is kept in the tag's
    history with who and when (``ThemeAssignment.history``). Idempotent:
    deciding the same again changes nothing and records nothing.
    """
    if decision not in (
        ThemeAssignment.Decision.CONFIRMED,
        ThemeAssignment.Decision.REJECTED,
    ):
        raise ValueError(f"Not a decision: {decision!r}")
    if assignment.decision == decision:
        return assignment
    assignment.decision = decision
    assignment.decided_by = user
    assignment.decided_at = timezone.now()
    assignment._history_user = user
    assignment.save(
        update_fields=["decision", "decided_by", "decided_at", "updated_at"]
    )
    log.info(
        "theme tag decided",
        extra={"assignment": str(assignment.pk), "decision": decision},
    )
    return assignment


@transaction.atomic
def add_theme(*, answer: Answer, theme: Theme, user) -> ThemeAssignment:
    """A person tags an answer with a theme the machine missed: confirmed.

    Counts against recall in the agreement figures. Idempotent.
    """
    row, created = ThemeAssignment.objects.get_or_create(
        answer=answer,
        theme=theme,
        defaults={
            "consultation_id": theme.codebook.consultation_id,
            "suggested": False,
            "source": ThemeAssignment.Source.HUMAN,
            "decision": ThemeAssignment.Decision.CONFIRMED,
            "decided_by": user,
            "decided_at": timezone.now(),
        },
    )
    if not created:
        decide(assignment=row, user=user, decision=ThemeAssignment.Decision.CONFIRMED)
    return row


@transaction.atomic
def replace_codebook(*, consultation, rules: list[ThemeRule]) -> Codebook:
    """Make the consultation's codebook hold exactly these themes.

    Themes are matched by key, so an import that edits a theme keeps its
    assignments and decisions; themes not in the file are removed with their
    tags. Idempotent: importing the same file twice gives the same codebook.
    """
    codebook, _ = Codebook.objects.get_or_create(consultation=consultation)
    by_key = {t.key: t for t in codebook.themes.all()}
    keep = set()
    for order, rule in enumerate(rules):
        theme = by_key.get(rule.key) or Theme(codebook=codebook, key=rule.key)
        theme.name = rule.name
        theme.description = rule.description
        theme.signals = "; ".join(rule.signals)
        theme.exclusions = "; ".join(rule.exclusions)
        theme.sort_order = order
        theme.save()
        by_key[rule.key] = theme
        keep.add(rule.key)
    # Parents once every theme exists; saved only when they change, so the
    # themes' history shows real changes and a re-import records nothing.
    for rule in rules:
        theme = by_key[rule.key]
        parent = by_key[rule.parent] if rule.parent else None
        if theme.parent_id != (parent.pk if parent else None):
            theme.parent = parent
            theme.save(update_fields=["parent", "updated_at"])
    codebook.themes.exclude(key__in=keep).delete()
    codebook.save(update_fields=["updated_at"])
    return codebook
