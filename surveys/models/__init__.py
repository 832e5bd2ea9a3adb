"""The surveys app's models, one module per concern."""

from .consultations import Consultation, Round
from .equalities import EqualityMonitoring
from .imports import ResponseImport
from .questionnaires import Question, Survey
from .responses import Answer, Draft, Response
from .versions import QuestionWording, SurveyVersion

__all__ = [
    "Answer",
    "Consultation",
    "Draft",
    "EqualityMonitoring",
    "Question",
    "QuestionWording",
    "Response",
    "ResponseImport",
    "Round",
    "Survey",
    "SurveyVersion",
]
