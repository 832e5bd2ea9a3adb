"""Opening a review period: only after the main round, from the draft themes,
inviting consenting respondents and nominees, each once, idempotently."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consult.audiences import review, tasks
from consult.audiences.models import Invitation, ReviewTheme
from surveys.models import Question, Round
from tests.cms.factories import RoundFactory

from .factories import NominationFactory
from .review_helpers import DAY, closed_consultation, consent, open_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(db):
    return closed_consultation()


def test_draft_themes_count_standing_tags_most_frequent_first(closed):
    consultation, *_ = closed
    themes = review.draft_themes(consultation)
    assert [(d.theme.key, d.answers) for d in themes] == [
        ("front-door", 2),
        ("camhs", 1),  # the rejected CAMHS tag is not counted
        ("one-site", 1),
    ]
    summary = review.summary_from(themes)
    assert "1. Single front door (2 answers)" in summary
    assert "2. CAMHS (1 answer)" in summary
    assert "Parking" not in summary  # found in no answer


def test_only_a_closed_main_round_can_have_a_review():
    round_ = RoundFactory()  # open now
    with pytest.raises(review.ReviewNotAllowed, match="not closed"):
        review.open_review_round(
            consultation=round_.consultation,
            opens_at=timezone.now() + 8 * DAY,
            closes_at=timezone.now() + 20 * DAY,
            summary="We heard",
            themes=[],
        )
    assert not Round.objects.filter(kind=Round.Kind.REVIEW).exists()


def test_review_must_open_after_the_main_round_and_close_after_opening(closed):
    consultation, main, *_ = closed
    themes = review.draft_themes(consultation)
    kwargs = {"consultation": consultation, "summary": "x", "themes": themes}
    with pytest.raises(review.ReviewNotAllowed, match="after the main round"):
        review.open_review_round(
            opens_at=main.closes_at - DAY, closes_at=main.closes_at + DAY, **kwargs
        )
    with pytest.raises(review.ReviewNotAllowed, match="close after it opens"):
        review.open_review_round(
            opens_at=main.closes_at + DAY, closes_at=main.closes_at + DAY, **kwargs
        )


def test_the_review_survey_asks_about_each_theme_and_ranks_them(closed):
    consultation, *_ = closed
    round_ = open_review(consultation)
    assert round_.kind == Round.Kind.REVIEW and round_.is_open_at()
    assert round_.summary.startswith("These are the main things")
    questions = list(round_.survey.questions.order_by("sort_order"))
    assert [q.section for q in questions[:2]] == ["Single front door"] * 2
    assert questions[0].label == review.CHECK_LABEL
    assert questions[0].choices() == list(review.CHECK_OPTIONS)
    assert questions[1].kind == Question.Kind.LONG_TEXT
    ranking = questions[-1]
    assert ranking.kind == Question.Kind.RANKING
    assert ranking.choices() == ["Single front door", "CAMHS", "Relocation to one site"]
    assert len(questions) == 7
    assert not round_.survey.include_equalities
    recorded = list(ReviewTheme.objects.filter(round=round_))
    assert [(r.name, r.main_answers) for r in recorded] == [
        ("Single front door", 2),
        ("CAMHS", 1),
        ("Relocation to one site", 1),
    ]
    assert recorded[1].check_question == questions[2]


def test_invites_consenting_respondents_and_nominees_once_each(closed):
    consultation, main, answers, _ = closed
    responses = [a.response for a in answers]
    consent(responses[0], "parent@example.org")
    consent(responses[1], "Shared@Example.org")  # also nominated, other case
    consent(responses[2], "withdrew@example.org", withdrawn=True)
    consent(responses[3], "parent@example.org")  # a second response, same person
    NominationFactory(consultation=consultation, email="shared@example.org")
    NominationFactory(consultation=consultation, email="", mobile="+447700900002")
    erased = NominationFactory(consultation=consultation, email="gone@example.org")
    erased.erase_contact(reason="request")
    erased.save()

    round_ = open_review(consultation)
    invitations = Invitation.objects.filter(round=round_)
    recipients = sorted((i.recipient.email or i.recipient.mobile) for i in invitations)
    assert recipients == ["+447700900002", "parent@example.org", "shared@example.org"]
    assert invitations.filter(response__isnull=False).count() == 1
    assert all(i.expires_at == round_.closes_at for i in invitations)

    # Run again (the officer saves the form twice): nobody new, nobody twice.
    assert review.invite_to_review(round_=round_) == 0
    open_review(consultation)
    assert Invitation.objects.filter(round=round_).count() == 3
    # The withdrawn response's CAMHS answer no longer counts: two themes left.
    assert ReviewTheme.objects.filter(round=round_).count() == 2


def test_invitations_are_sent_once_and_say_what_we_heard(closed, sms_outbox):
    consultation, main, answers, _ = closed
    consent(answers[0].response, "parent@example.org")
    NominationFactory(consultation=consultation, email="nominee@example.org")
    # Planned for later: nothing is sent until it opens.
    round_ = open_review(consultation, opens_in=DAY)
    assert mail.outbox == []
    Round.objects.filter(pk=round_.pk).update(opens_at=timezone.now() - DAY)
    assert tasks.send_due_invitations.delay().get() >= 1
    assert tasks.send_due_invitations.delay().get() >= 1  # again: nothing new
    assert sorted(m.to[0] for m in mail.outbox) == [
        "nominee@example.org",
        "parent@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Did we hear you right?")
    assert "1. Single front door (2 answers)" in message.body
    assert "/audiences/invitation/" in message.body
    assert Invitation.objects.filter(round=round_, sent_at__isnull=True).count() == 0


def test_a_review_with_responses_cannot_change(closed):
    from surveys.models import Response

    consultation, *_ = closed
    round_ = open_review(consultation)
    Response.objects.create(round=round_, reference="SB-REVIEW1")
    with pytest.raises(review.ReviewNotAllowed, match="already has responses"):
        open_review(consultation)
    assert round_.survey.questions.count() == 7


def test_a_withdrawal_after_inviting_stops_the_invitation(closed):
    consultation, main, answers, _ = closed
    response = consent(answers[0].response, "parent@example.org")
    round_ = open_review(consultation, opens_in=timedelta(hours=1))
    response.withdrawn_at = timezone.now()
    response.save()
    Round.objects.filter(pk=round_.pk).update(opens_at=timezone.now() - DAY)
    tasks.send_round_invitations.delay(str(round_.pk)).get()
    tasks.send_round_invitations.delay(str(round_.pk)).get()
    assert mail.outbox == []
