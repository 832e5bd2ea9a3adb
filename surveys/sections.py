"""A survey's pages: consecutive questions that share a section heading."""

from dataclasses import dataclass

from .models import Question, Survey


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


def shown_questions(section: Section, answers: dict) -> list[Question]:
    return [q for q in section.questions if q.is_shown(answers)]
