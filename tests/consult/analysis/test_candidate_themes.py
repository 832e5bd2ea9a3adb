"""Candidate themes kept per consultation: refresh, accept, rename, merge, dismiss."""

import pytest

from consult.analysis.candidate_services import (
    CandidateError,
    accept_candidate,
    dismiss_candidate,
    merge_candidates,
    refresh_candidates,
    rename_candidate,
)
from consult.analysis.candidates import CandidateTheme
from consult.analysis.matching import ThemeRule
from consult.analysis.tasks import refresh_candidate_themes
from surveys.models import Answer
from tests.consult.analysis.factories import (
    DISCOVERABLE_TEXTS,
    RULES,
    codebook_for,
    discoverable_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    return discoverable_consultation()


def by_origin(consultation):
    return {c.origin: c for c in consultation.candidate_themes.all()}


def test_refresh_proposes_what_the_codebook_misses(consultation):
    assert refresh_candidates(consultation=consultation) == 2
    found = by_origin(consultation)
    assert set(found) == {"car park", "waiting list"}
    car_park = found["car park"]
    assert car_park.status == "proposed" and car_park.label == "car park"
    assert car_park.answer_count == 3
    assert car_park.phrases[0] == {"text": "car park", "answers": 3}
    quotes = [q["text"] for q in car_park.quotes]
    assert "Call me on [phone] about the car park." in quotes
    assert all("07700" not in q for q in quotes)
    # Answer ids, so that merges count each answer once.
    car_park_answers = Answer.objects.filter(text__in=DISCOVERABLE_TEXTS[:3])
    assert car_park.answer_ids == sorted(car_park_answers.values_list("pk", flat=True))


def test_refreshing_twice_changes_nothing(consultation):
    refresh_candidates(consultation=consultation)
    before = list(
        CandidateTheme.objects.order_by("origin").values(
            "pk", "label", "phrases", "quotes", "answer_ids", "answer_count"
        )
    )
    refresh_refresh = refresh_candidates(consultation=consultation)
    after = list(
        CandidateTheme.objects.order_by("origin").values(
            "pk", "label", "phrases", "quotes", "answer_ids", "answer_count"
        )
    )
    assert refresh_refresh == 2 and after == before


def test_the_task_is_idempotent(consultation):
    assert refresh_candidate_themes.delay(str(consultation.pk)).get() == 2
    assert refresh_candidate_themes.delay(str(consultation.pk)).get() == 2
    assert CandidateTheme.objects.count() == 2
    assert (
        refresh_candidate_themes.delay("00000000-0000-0000-0000-000000000000").get()
        == 0
    )


def test_accepting_adds_a_theme_with_the_phrases_as_signals(consultation, officer):
    refresh_candidates(consultation=consultation)
    candidate = by_origin(consultation)["waiting list"]
    theme = accept_candidate(candidate=candidate, user=officer)
    assert theme.codebook.consultation == consultation
    assert theme.key == "waiting-list" and theme.name == "waiting list"
    assert "waiting list" in theme.signal_list
    candidate.refresh_from_db()
    assert (candidate.status, candidate.theme, candidate.decided_by) == (
        "accepted",
        theme,
        officer,
    )
    assert accept_candidate(candidate=candidate, user=officer) == theme
    assert consultation.codebook.themes.filter(name="waiting list").count() == 1
    # The codebook covers it now: a refresh proposes it no more, and keeps it.
    refresh_candidates(consultation=consultation)
    assert set(by_origin(consultation)) == {"car park", "waiting list"}
    assert by_origin(consultation)["waiting list"].status == "accepted"


def test_an_accepted_key_never_clashes(consultation, officer):
    codebook_for(
        consultation, [*RULES, ThemeRule(key="car-park", name="Car park (old)")]
    )
    refresh_candidates(consultation=consultation)
    theme = accept_candidate(
        candidate=by_origin(consultation)["car park"], user=officer
    )
    assert theme.key == "car-park-2"


def test_decisions_and_names_survive_a_refresh(consultation, officer):
    refresh_candidates(consultation=consultation)
    found = by_origin(consultation)
    rename_candidate(candidate=found["car park"], label="Parking", user=officer)
    dismiss_candidate(candidate=found["waiting list"], user=officer)
    dismiss_candidate(candidate=found["waiting list"], user=officer)  # idempotent
    refresh_candidates(consultation=consultation)
    found = by_origin(consultation)
    assert found["car park"].label == "Parking"
    assert found["car park"].status == "proposed"
    assert found["waiting list"].status == "dismissed"
    assert found["waiting list"].decided_by == officer
    with pytest.raises(CandidateError, match="already dismissed"):
        accept_candidate(candidate=found["waiting list"], user=officer)


def test_a_proposal_the_codebook_now_covers_goes(consultation):
    refresh_candidates(consultation=consultation)
    codebook_for(
        consultation, [*RULES, ThemeRule(key="waits", name="Waits", signals=["wait*"])]
    )
    refresh_candidates(consultation=consultation)
    assert set(by_origin(consultation)) == {"car park"}


def test_merging_folds_phrases_and_answers_together(consultation, officer):
    refresh_candidates(consultation=consultation)
    found = by_origin(consultation)
    source, target = found["waiting list"], found["car park"]
    merge_candidates(candidate=source, into=target, user=officer)
    target.refresh_from_db()
    source.refresh_from_db()
    assert (source.status, source.merged_into) == ("merged", target)
    assert {"car park", "waiting list"} <= set(target.phrase_texts)
    assert target.answer_count == 6
    assert len(set(target.answer_ids)) == 6
    merge_candidates(candidate=source, into=target, user=officer)  # idempotent
    target.refresh_from_db()
    assert target.answer_count == 6
    # A refresh keeps the merge: the target still holds both.
    refresh_candidates(consultation=consultation)
    target.refresh_from_db()
    assert target.answer_count == 6
    assert by_origin(consultation)["waiting list"].status == "merged"


def test_a_candidate_cannot_merge_into_itself(consultation, officer):
    refresh_candidates(consultation=consultation)
    candidate = by_origin(consultation)["car park"]
    with pytest.raises(CandidateError, match="different candidate"):
        merge_candidates(candidate=candidate, into=candidate, user=officer)
    candidate.refresh_from_db()
    assert candidate.status == "proposed"


def test_withdrawn_and_superseded_answers_are_not_discovered_from(consultation):
    from django.utils import timezone

    from surveys.models import Response

    car_park = Answer.objects.filter(text__in=DISCOVERABLE_TEXTS[:3]).order_by("pk")
    first, second, _ = car_park
    Response.objects.filter(pk=first.response_id).update(withdrawn_at=timezone.now())
    Answer.objects.filter(pk=second.pk).update(is_current=False)
    refresh_candidates(consultation=consultation)
    found = by_origin(consultation)
    # One answer still says "car park": too few for a candidate (3 needed).
    assert "car park" not in found
    assert "waiting list" in found
