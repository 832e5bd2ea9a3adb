"""A consultation whose main round has closed, with themes tagged on its answers."""

from datetime import timedelta

from django.utils import timezone

from consult.analysis.models import ThemeAssignment
from consult.audiences import review
from surveys.models import Response
from tests.consult.analysis.factories import add_answers, codebook_for, free_text_round

DAY = timedelta(days=1)

TEXTS = [
    "One number to ring would help. The phone is never answered.",
    "The front door phone line should be open in the evening.",
    "My son waited a year for CAMHS.",
    "Two buses to the Civic Centre is too far.",
]


def closed_consultation():
    """Main round closed yesterday; tags: front door x2 (+1 rejected), CAMHS, one site.

    Returns (consultation, main round, answers, codebook).
    """
    now = timezone.now()
    round_, views = free_text_round(opens_at=now - 30 * DAY, closes_at=now - DAY)
    answers = add_answers(round_, views, TEXTS)
    codebook = codebook_for(round_.consultation)
    themes = {t.key: t for t in codebook.themes.all()}
    tags = [
        (answers[0], "front-door", ThemeAssignment.Decision.PENDING),
        (answers[1], "front-door", ThemeAssignment.Decision.CONFIRMED),
        (answers[2], "camhs", ThemeAssignment.Decision.PENDING),
        (answers[3], "one-site", ThemeAssignment.Decision.PENDING),
        # A rejected tag does not count: CAMHS is not in answer 3.
        (answers[3], "camhs", ThemeAssignment.Decision.REJECTED),
    ]
    for answer, key, decision in tags:
        ThemeAssignment.objects.create(
            answer=answer,
            theme=themes[key],
            consultation=round_.consultation,
            decision=decision,
        )
    return round_.consultation, round_, answers, codebook


def consent(response: Response, email: str, *, withdrawn=False) -> Response:
    response.contact_email = email
    response.consent_to_recontact = True
    if withdrawn:
        response.withdrawn_at = timezone.now()
    response.save()
    return response


def open_review(consultation, *, opens_in=-DAY, days=14):
    """Open the review round from the draft themes, as the officer's form does."""
    themes = review.draft_themes(consultation)
    opens_at = timezone.now() + opens_in
    return review.open_review_round(
        consultation=consultation,
        opens_at=opens_at,
        closes_at=opens_at + days * DAY,
        summary=review.summary_from(themes),
        themes=themes,
    )


def review_response(round_, *, checks=None, corrections=None, ranking=None):
    """Send one review response through the real service.

    ``checks``/``corrections``: theme name -> option / text; ``ranking``: the
    theme names in ranked order.
    """
    from consult.audiences.models import ReviewTheme
    from surveys.models import Draft
    from surveys.services import submit_draft

    answers = {}
    for theme in ReviewTheme.objects.filter(round=round_):
        if theme.name in (checks or {}):
            answers[str(theme.check_question_id)] = checks[theme.name]
        if theme.name in (corrections or {}):
            answers[str(theme.correction_question_id)] = corrections[theme.name]
        if ranking:
            options = theme.ranking_question.choices()
            answers[str(theme.ranking_question_id)] = [
                str(ranking.index(o) + 1) for o in options
            ]
    draft = Draft.objects.create(round=round_, answers=answers)
    return submit_draft(draft_id=draft.pk)
