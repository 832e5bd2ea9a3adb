"""Agreement of the automatic tags with people's decisions, and what rejections show."""

import pytest

from consult.analysis.models import ThemeAssignment
from consult.analysis.services import add_theme, analyse_answers, decide, load_answers
from consult.analysis.summaries import (
    agreement_by_theme,
    highlighted,
    rejected_signals,
    theme_summaries,
)
from tests.consult.analysis.factories import add_answers

pytestmark = pytest.mark.django_db
D = ThemeAssignment.Decision


@pytest.fixture
def reviewed(answered, officer):
    consultation, codebook, _ = answered
    round_ = consultation.rounds.get()
    answers = add_answers(
        round_,
        round_.survey.questions.get(),
        [
            "One number to phone, like 07700 900123, please.",  # confirmed
            "The phone line is fine.",  # rejected
            "I phone my sister every day.",  # rejected
            "Nobody answers the front door.",  # pending
            "Text me at jo@example.org, I can never ring.",  # missed: added
        ],
    )
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    tags = {
        a.answer_id: a for a in ThemeAssignment.objects.filter(theme__key="front-door")
    }
    decide(assignment=tags[answers[0].pk], user=officer, decision=D.CONFIRMED)
    decide(assignment=tags[answers[1].pk], user=officer, decision=D.REJECTED)
    decide(assignment=tags[answers[2].pk], user=officer, decision=D.REJECTED)
    add_theme(
        answer=answers[4], theme=codebook.themes.get(key="front-door"), user=officer
    )
    return codebook, answers


def test_precision_and_recall_per_theme(reviewed):
    codebook, _ = reviewed
    door = codebook.themes.get(key="front-door")
    precision, recall = agreement_by_theme(codebook)[door.pk]
    assert precision == pytest.approx(1 / 3, abs=1e-3)  # 1 confirmed of 3 decided
    assert recall == pytest.approx(1 / 2)  # 1 of the 2 confirmed was suggested
    camhs = codebook.themes.get(key="camhs")
    assert agreement_by_theme(codebook).get(camhs.pk, (None, None)) == (None, None)


def test_rejected_signals_are_shown_with_counts(reviewed):
    codebook, _ = reviewed
    rows = rejected_signals(codebook.themes.get(key="front-door"))
    assert rows[0] == ("phone", 2, 1)
    assert ("one number", 0, 1) not in rows  # only signals with rejections


def test_summaries_count_standing_tags_and_redact_quotes(reviewed):
    codebook, _ = reviewed
    door = next(s for s in theme_summaries(codebook) if s.theme.key == "front-door")
    # the confirmed, the pending and the added one
    assert door.answers == 3
    assert door.pending == 1
    assert (door.confirmed, door.rejected) == (2, 2)
    assert "One number to phone, like [phone], please." in door.quotes
    assert all("07700" not in q for q in door.quotes)


def test_evidence_is_highlighted_and_redacted():
    before, evidence, after = highlighted(
        "Ring 07700 900123. <b>One number</b> would help.", "One number would help."
    )
    assert "[phone]" in before
    assert evidence == "One number would help."
    assert after == ""


def test_a_quote_shared_by_many_answers_is_shown_once(answered):
    from consult.analysis.summaries import top_quotes

    consultation, codebook, _ = answered
    round_ = consultation.rounds.get()
    same = "Two buses to the one site is too far for us."
    answers = add_answers(
        round_,
        round_.survey.questions.get(),
        [same, same, same, "The bus to one site takes an hour."],
    )
    analyse_answers(answers=load_answers(a.pk for a in answers), codebook=codebook)
    site = codebook.themes.get(key="one-site")
    quotes = top_quotes(codebook)[site.pk]
    assert quotes.count(same) == 1
    assert "The bus to one site takes an hour." in quotes


def test_signals_the_decisions_contradict_are_named_with_advice():
    from consult.analysis.summaries import contradicted_signals

    advice = contradicted_signals([("answered", 40, 2), ("phone", 5, 5), ("x", 3, 0)])
    assert advice == ["'answered': rejected 40 of 42 times. Remove it?"]
