"""A survey's pages: consecutive questions that share a section heading."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Question, Survey

# Surveys whose questions each process keeps (a live consultation has one or two).
CACHED_SURVEYS = 64


@dataclass
class Section:
    number: int
    title: str
    questions: list[Question]


def sections_of(survey: Survey) -> list[Section]:
    sections: list[Section] = []
    # all() and sorting in Python also work on unsaved questions, as in a preview.
    for question in sorted(survey.questions.all(), key=lambda q: q.sort_order):
        if not sections or sections[-1].title != question.section:
            sections.append(Section(len(sections) + 1, question.section, []))
        sections[-1].questions.append(question)
    return sections


_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def live_sections(survey: Survey) -> list[Section]:
    """``sections_of`` a saved survey, from memory while the survey is unchanged.

    Every page of a response needs the survey's questions; they change only
    when an officer edits the survey, which moves ``updated_at`` (a question's
    save or deletion does too, below). Keyed on that, so a process never serves
    questions older than the survey row it was handed. Not for previews, whose
    questions are unsaved. The sections are shared: read them, never change them.
    """
    key = (survey.pk, survey.updated_at)
    with _lock:
        sections = _cache.get(key)
        if sections is not None:
            _cache.move_to_end(key)
            return sections
    sections = sections_of(survey)
    with _lock:
        _cache[key] = sections
        while len(_cache) > CACHED_SURVEYS:
            _cache.popitem(last=False)
    return sections


@receiver(post_save, sender=Question)
@receiver(post_delete, sender=Question)
def _survey_changed(sender, instance, **kwargs):
    """A question changed: move its survey's ``updated_at`` so caches refresh."""
    Survey.objects.filter(pk=instance.survey_id).update(updated_at=timezone.now())


def shown_questions(section: Section, answers: dict) -> list[Question]:
    return [q for q in section.questions if q.is_shown(answers)]


def resume_section(sections: list[Section], answers: dict) -> int:
    """The number of the last section the draft holds answers for: where the
    person stopped (a page sent keeps every shown question, blank or not)."""
    visited = [
        s.number for s in sections if any(str(q.pk) in answers for q in s.questions)
    ]
    return visited[-1] if visited else 1
