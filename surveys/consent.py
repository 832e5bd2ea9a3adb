"""Consent to be contacted again: asked once, decided here, honoured everywhere.

A survey may ask it as one of its own questions (a "May we contact you
again" question, ``Question.Kind.RECONTACT``), in its own words and at the
point the respondent expects; then its answer is the consent, and the check
page asks only for the e-mail address. A survey without such a question asks
on the check page with one checkbox. Either way ``Response.consent_to_recontact``
is set from this module only, and the review period, exports and retention
read that one field.
"""

from .models import Question, Survey
from .sections import live_sections

YES = "Yes"


def recontact_question(survey: Survey | None) -> Question | None:
    """The survey's own consent question, if it asks one (the first, if several)."""
    if survey is None:
        return None
    # The cached sections: no query on the pages that ask.
    questions = (q for s in live_sections(survey) for q in s.questions)
    return next((q for q in questions if q.kind == Question.Kind.RECONTACT), None)


def asked_in_survey(survey: Survey | None) -> bool:
    return recontact_question(survey) is not None


def consent_given(*, survey: Survey, answers: dict, checkbox: bool) -> bool:
    """Whether the respondent agreed to be contacted again.

    ``answers`` are the draft's (or cleaned) answers keyed by question id;
    ``checkbox`` is the check page's box, used only when the survey does not
    ask the question itself (so the first answer given is never ignored).
    """
    question = recontact_question(survey)
    if question is None:
        return bool(checkbox)
    given = answers.get(str(question.pk))
    if isinstance(given, list):
        given = given[0] if given else ""
    return given == YES
