"""Demo: a consultation in its review period ("did we hear you right?").

The pilot consultation (made by cms.demo) closed two weeks ago with 24
responses, analysed with the demo codebook; its review period opened three
days ago through ``review.open_review_round``, its invitations were sent (the
e-mails are in the outbox) and six people have answered.
"""

import random
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from consult.analysis.codebook_files import read_codebook_csv
from consult.analysis.services import analyse_answers, load_answers, replace_codebook
from surveys.demo import build_survey
from surveys.demo_responses import VIEWS
from surveys.models import Answer, Draft, Question, Response
from surveys.services import submit_draft

from . import delivery, review
from .models import Delivery, Invitation, ReviewTheme

CODEBOOK = Path(settings.BASE_DIR) / "tests" / "eval" / "demo_codebook.csv"
K = Question.Kind
QUESTIONS = [
    ("About you", K.RESPONDENT_TYPE, "Which best describes you?", "", True, ""),
    ("The pilot", K.LONG_TEXT, "What worked about one number for help?", "", False, ""),
    (
        "The pilot",
        K.LONG_TEXT,
        "What should a Team Around the Family do?",
        "",
        False,
        "",
    ),
]
CORRECTIONS = [
    "You missed that the line closes at 5pm, when most parents are still at work.",
    "It is not just waiting times: nobody told us what happens while we wait.",
    "Staff said the access team needs more people, not just a new number.",
]


def seed(demo: dict) -> None:
    consultation = demo.get("consultations", {}).get("review")
    if consultation is None or not CODEBOOK.exists():
        return
    main = consultation.main_round
    main.survey = build_survey(
        "Early help pilot: your views",
        "",
        QUESTIONS,
    )
    main.save(update_fields=["survey"])
    answers = _main_responses(main)
    with CODEBOOK.open(encoding="utf-8") as fileobj:
        codebook = replace_codebook(
            consultation=consultation, rules=read_codebook_csv(fileobj)
        )
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)

    now = timezone.now()
    themes = review.draft_themes(consultation)[:5]
    round_ = review.open_review_round(
        consultation=consultation,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=18),
        summary=review.summary_from(themes),
        themes=themes,
        by=demo.get("users", {}).get("Officer"),
    )
    invitations = list(Invitation.objects.filter(round=round_))
    # Sent now, in the seeding transaction, so the queued send finds them done.
    for invitation in invitations:
        delivery.deliver(invitation_id=invitation.pk, kind=Delivery.Kind.INVITATION)
    _review_responses(round_, invitations[:6])
    demo["review_round"] = round_


def _main_responses(main) -> list[Answer]:
    """24 responses, half of them happy to be contacted again, made directly
    (the round has closed, so the respond flow would rightly refuse them)."""
    questions = list(main.survey.questions.order_by("sort_order"))
    answers = []
    for i in range(24):
        who, _agree, door, taf, _name, _site = VIEWS[i % len(VIEWS)]
        response = Response.objects.create(
            round=main,
            reference=f"SB-PILOT{i:03}",
            submitted_at=main.closes_at - timedelta(days=1 + i),
            contact_email=f"respondent{i:02}@example.org" if i % 2 == 0 else "",
            consent_to_recontact=i % 2 == 0,
        )
        Answer.objects.create(response=response, question=questions[0], value=[who])
        for question, text in ((questions[1], door), (questions[2], taf)):
            answers.append(
                Answer.objects.create(
                    response=response, question=question, value=[text], text=text
                )
            )
    return answers


def _review_responses(round_, invitations) -> None:
    themes = list(ReviewTheme.objects.filter(round=round_))
    names = [t.name for t in themes]
    rng = random.Random(2026)
    for number, invitation in enumerate(invitations):
        answers = {}
        for theme in themes:
            answers[str(theme.check_question_id)] = rng.choice(
                [review.CONFIRMED, review.CONFIRMED, review.PARTLY, review.DISAGREED]
            )
        if number < len(CORRECTIONS):
            answers[str(themes[number % len(themes)].correction_question_id)] = (
                CORRECTIONS[number]
            )
        order = rng.sample(names, k=len(names))
        ranking = themes[0].ranking_question
        answers[str(ranking.pk)] = [str(order.index(o) + 1) for o in ranking.choices()]
        draft = Draft.objects.create(
            round=round_, answers=answers, admitted_by=invitation.admission_key
        )
        submit_draft(draft_id=draft.pk)
