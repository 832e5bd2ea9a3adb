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

from .models import SurveyVersion


def versions_of(survey) -> list[SurveyVersion]:
    if survey is None:
        return []
    return list(survey.versions.order_by("variant"))


def version_of(survey, variant: str) -> SurveyVersion | None:
    """The survey's version ``variant`` with its wordings, or None (full version)."""
    if not variant or survey is None:
        return None
    return (
        SurveyVersion.objects.filter(survey=survey, variant=variant)
        .prefetch_related("wordings")
        .first()
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
