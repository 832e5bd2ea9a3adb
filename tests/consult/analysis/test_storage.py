"""Stored analyses: computed once, redone only when the text or pipeline changes."""

import pytest

from consult.analysis import services
from consult.analysis.models import AnswerAnalysis
from consult.analysis.services import analyse_answers, load_answers, store_analyses
from consult.analysis.text import MAX_CHARS
from tests.consult.analysis.factories import add_answers, free_text_round

pytestmark = pytest.mark.django_db


def _store(answers):
    return store_analyses(load_answers(a.pk for a in answers))


def test_each_answer_is_stored_with_its_features(answered):
    _, _, answers = answered
    _store(answers)
    stored = AnswerAnalysis.objects.get(answer=answers[0])
    assert "phone" in stored.features["lemmas"]
    assert stored.features["tags"] and stored.features["sentences"]
    assert stored.features["noun_phrases"]
    assert stored.consultation_id == answers[0].response.round.consultation_id
    assert AnswerAnalysis.objects.count() == len(answers)


def test_unchanged_answers_are_not_analysed_again(answered):
    _, _, answers = answered
    _store(answers)
    first = dict(AnswerAnalysis.objects.values_list("answer_id", "updated_at"))
    _store(answers)
    assert dict(AnswerAnalysis.objects.values_list("answer_id", "updated_at")) == first


def test_changed_text_is_analysed_again(answered):
    _, _, answers = answered
    _store(answers)
    answers[0].text = "The buses are the problem."
    answers[0].save()
    _store(answers)
    stored = AnswerAnalysis.objects.get(answer=answers[0])
    assert "bus" in stored.features["lemmas"]
    assert "phone" not in stored.features["lemmas"]


def test_a_new_pipeline_version_redoes_the_analysis(answered, monkeypatch):
    _, _, answers = answered
    _store(answers)
    monkeypatch.setattr(services, "PIPELINE_VERSION", "test-next")
    _store(answers)
    assert set(AnswerAnalysis.objects.values_list("pipeline_version", flat=True)) == {
        "test-next"
    }


def test_same_text_in_the_consultation_reuses_the_stored_features():
    round_, views = free_text_round()
    first = add_answers(round_, views, ["Keep the Oak Street centre open."])
    _store(first)
    again = add_answers(round_, views, ["Keep the Oak Street centre open."])
    _store(again)
    rows = AnswerAnalysis.objects.order_by("pk")
    assert rows.count() == 2
    assert rows[0].features == rows[1].features
    assert rows[0].text_hash == rows[1].text_hash


def test_reuse_reads_one_stored_analysis_however_many_share_the_text(monkeypatch):
    round_, views = free_text_round()
    _store(add_answers(round_, views, ["No."] * 5))
    decoded = []
    field = AnswerAnalysis._meta.get_field("features")
    original = type(field).from_db_value

    def counting(self, value, expression, connection):
        decoded.append(value)
        return original(self, value, expression, connection)

    monkeypatch.setattr(type(field), "from_db_value", counting)
    again = add_answers(round_, views, ["No."])
    analysed = _store(again)
    assert len(decoded) == 1  # not five
    monkeypatch.undo()
    first = AnswerAnalysis.objects.order_by("pk").first()
    reused = analysed[again[0].pk]
    assert (reused.tokens, reused.lemmas) == (
        first.features["tokens"],
        first.features["lemmas"],
    )
    assert AnswerAnalysis.objects.filter(text_hash=first.text_hash).count() == 6


def test_awkward_answers_are_stored_without_error():
    round_, views = free_text_round()
    texts = [
        "",
        "   \n\t ",
        "🙂🙂🙂",
        "word " * (MAX_CHARS // 2),
        "Das ist eine schlechte Idee und wir sind dagegen, weil es zu weit ist.",
        "<p>Please <script>alert(1)</script><b>keep</b> the centre &amp; staff</p>",
    ]
    answers = add_answers(round_, views, texts)
    analysed = _store(answers)
    assert len(analysed) == len(texts)
    rows = {a.answer_id: a for a in AnswerAnalysis.objects.all()}
    assert rows[answers[0].pk].is_empty and rows[answers[1].pk].is_empty
    assert rows[answers[3].pk].truncated
    assert not rows[answers[4].pk].language_ok
    assert "script" not in " ".join(rows[answers[5].pk].features["tokens"]).lower()
    assert "keep" in rows[answers[5].pk].features["lemmas"]


def test_without_a_codebook_answers_are_analysed_but_not_tagged():
    round_, views = free_text_round()
    answers = add_answers(round_, views, ["One number to ring."])
    analyse_answers(answers=load_answers([answers[0].pk]), codebook=None)
    assert AnswerAnalysis.objects.filter(answer=answers[0]).exists()
    assert not answers[0].theme_assignments.exists()
