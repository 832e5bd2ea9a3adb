"""Showing a survey in one of its versions (young people's, easy read, a language).

The questions stay the same objects in the database, so answers in every
version are answers to the same questions: reports and exports count them
together, and ``Response.variant`` says which version was answered. A version
changes only what is shown: the wording of each question it rewords, and the
options' labels (the values recorded stay the original options, so a choice
made in Polish counts with the same choice made in English). A question a
version does not reword is shown as in the full version.
"""

import copy
import threading
from collections import OrderedDict

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import QuestionWording, Survey, SurveyVersion
from .models.versions import READING_VERSIONS

_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()
CACHED_SURVEYS = 64


def _versions(survey) -> dict[str, SurveyVersion]:
    """The survey's versions with their wordings, by variant: from memory while
    the survey is unchanged (a version's or wording's change moves the survey's
    ``updated_at``, below), so pages cost no query, as ``live_sections``."""
    key = (survey.pk, survey.updated_at)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    found = {
        v.variant: v
        for v in SurveyVersion.objects.filter(survey=survey)
        .prefetch_related("wordings")
        .order_by("variant")
    }
    with _lock:
        _cache[key] = found
        while len(_cache) > CACHED_SURVEYS:
            _cache.popitem(last=False)
    return found


def versions_of(survey) -> list[SurveyVersion]:
    if survey is None:
        return []
    return list(_versions(survey).values())


def version_of(survey, variant: str) -> SurveyVersion | None:
    """The survey's version ``variant`` with its wordings, or None (full version)."""
    if not variant or survey is None:
        return None
    return _versions(survey).get(variant)


@receiver(post_save, sender=SurveyVersion)
@receiver(post_delete, sender=SurveyVersion)
def _version_changed(sender, instance, **kwargs):
    Survey.objects.filter(pk=instance.survey_id).update(updated_at=timezone.now())


@receiver(post_save, sender=QuestionWording)
@receiver(post_delete, sender=QuestionWording)
def _wording_changed(sender, instance, **kwargs):
    Survey.objects.filter(versions=instance.version_id).update(
        updated_at=timezone.now()
    )


def worded(questions, version: SurveyVersion | None) -> list:
    """The questions as this version shows them: copies, never the cached originals."""
    if version is None:
        return list(questions)
    wordings = {w.question_id: w for w in version.wordings.all()}
    shown = []
    for question in questions:
        wording = wordings.get(question.pk)
        if wording is None:
            shown.append(question)
            continue
        twin = copy.copy(question)
        twin.label = wording.label
        twin.hint = wording.hint or question.hint
        labels = [line.strip() for line in wording.options.splitlines() if line.strip()]
        if labels and len(labels) == len(question.choices()):
            twin.display_options = labels
        shown.append(twin)
    return shown


FULL_VERSION_LABEL = "Full version"


def version_label(variant: str, names: dict[str, str]) -> str:
    """How reports name the version a response was made in: its name, with the
    language code for a language ("Polski (pl)")."""
    if not variant:
        return FULL_VERSION_LABEL
    name = names.get(variant, variant)
    return name if variant in READING_VERSIONS else f"{name} ({variant})"


def responses_by_version(*, responses, surveys) -> list[tuple[str, int]]:
    """(version, responses) for ``responses`` not withdrawn, most first: the
    language and version each was answered in (``Response.variant``), named as
    ``surveys``' versions name them. Two queries, whatever the number."""
    counts = dict(
        responses.filter(withdrawn_at__isnull=True)
        .order_by()
        .values_list("variant")
        .annotate(n=Count("pk"))
    )
    return versions_table(counts, surveys=surveys)


def versions_table(counts: dict, *, surveys) -> list[tuple[str, int]]:
    """(version, responses), most first, from {variant: responses}, named as
    ``surveys``' versions name them. One query."""
    names = dict(
        SurveyVersion.objects.filter(survey__in=surveys).values_list("variant", "name")
    )
    rows = [(version_label(v, names), n) for v, n in counts.items() if n]
    return sorted(rows, key=lambda row: (-row[1], row[0]))
