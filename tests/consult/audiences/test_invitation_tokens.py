"""The personal link: it admits one response in its own round, and nothing else.

Used, expired, altered, guessed, another round's and erased links all get the
same page and status as a link that never existed.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.audiences import services
from consult.audiences.models import Invitation
from surveys.models import Response, Round
from surveys.tokens import new_token
from tests.cms.factories import RoundFactory

from .factories import NominationFactory, invited, targeted_round
from .helpers import send

pytestmark = pytest.mark.django_db


def _url(token):
    return reverse("audiences:invitation", kwargs={"token": token})


@pytest.fixture
def setup():
    round_, questions = targeted_round()
    nomination = NominationFactory(consultation=round_.consultation)
    invitation = invited(nomination, round_)
    token = send(invitation)
    return round_, questions, invitation, token


def _refused_like_a_missing_link(client, token):
    missing = client.get(_url("never-issued-" + "x" * 30))
    response = client.get(_url(token))
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content
    assert b"This link cannot be used" in response.content
    return response


def _respond(client, round_, questions):
    client.post(reverse("surveys:start", kwargs={"round_id": round_.pk}))
    client.post(
        reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1}),
        {str(questions["who"].pk): "Parent or carer"},
    )
    client.post(
        reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 2}),
        {str(questions["views"].pk): "Keep the centre open."},
    )
    return client.post(reverse("surveys:check", kwargs={"round_id": round_.pk}))


def test_only_the_hash_is_stored(setup):
    _, _, invitation, token = setup
    invitation.refresh_from_db()
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_link_admits_to_its_round_and_marks_opened(client, setup):
    round_, _, invitation, token = setup
    response = client.get(_url(token))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "surveys:start", kwargs={"round_id": round_.pk}
    )
    assert client.get(response["Location"]).status_code == 200
    invitation.refresh_from_db()
    assert invitation.opened_at is not None
    assert invitation.status_given(started=False) == Invitation.Status.OPENED


def test_without_the_link_a_targeted_round_refuses(client, setup):
    round_, *_ = setup
    response = client.get(reverse("surveys:start", kwargs={"round_id": round_.pk}))
    assert response.status_code == 403


def test_the_link_admits_exactly_one_response_then_dies(client, setup):
    round_, questions, invitation, token = setup
    client.get(_url(token))
    confirmation = _respond(client, round_, questions)
    assert confirmation.status_code == 200, confirmation.content
    assert b"Response sent" in confirmation.content
    response = Response.objects.get(round=round_)
    assert response.admitted_by == str(invitation.pk)
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert invitation.token_hash is None

    # Reused, in this browser or another: refused, and no second response.
    _refused_like_a_missing_link(client, token)
    other = client.__class__()
    _refused_like_a_missing_link(other, token)
    assert Response.objects.filter(round=round_).count() == 1


def test_an_expired_link_is_refused(client, setup):
    round_, _, _, token = setup
    Round.objects.filter(pk=round_.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1),
        opens_at=timezone.now() - timedelta(days=3),
    )
    _refused_like_a_missing_link(client, token)


def test_the_link_expires_at_the_rounds_close_even_if_the_round_is_extended(
    client, setup
):
    round_, _, invitation, token = setup
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    _refused_like_a_missing_link(client, token)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t[:-2],
        lambda t: t + "x",
        lambda t: t.upper(),
        lambda t: "",
    ],
    ids=["changed", "shortened", "lengthened", "case", "empty"],
)
def test_a_tampered_link_is_refused(client, setup, tamper):
    *_, token = setup
    tampered = tamper(token)
    if not tampered:
        assert client.get("/audiences/invitation//").status_code == 404
        return
    _refused_like_a_missing_link(client, tampered)


def test_guessed_links_answer_as_missing_ones(client, setup):
    for _ in range(5):
        guess, _hash = new_token()
        _refused_like_a_missing_link(client, guess)


def test_another_rounds_link_does_not_admit_to_this_round(client, setup):
    round_, _, _, _ = setup
    other_round, _ = targeted_round()
    other = invited(
        NominationFactory(consultation=other_round.consultation), other_round
    )
    other_token = send(other)
    client.get(_url(other_token))
    # Admitted to the other round only: this round still refuses.
    assert (
        client.get(reverse("surveys:start", kwargs={"round_id": round_.pk})).status_code
        == 403
    )
    assert (
        client.get(
            reverse("surveys:start", kwargs={"round_id": other_round.pk})
        ).status_code
        == 200
    )


def test_a_closed_rounds_link_does_not_open_the_next_round(client, setup):
    round_, _, invitation, token = setup
    consultation = round_.consultation
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=10),
    )
    review = RoundFactory(consultation=consultation, kind=Round.Kind.REVIEW)
    review.survey = round_.survey
    review.save()
    _refused_like_a_missing_link(client, token)
    assert (
        client.get(reverse("surveys:start", kwargs={"round_id": review.pk})).status_code
        == 403
    )


def test_an_erased_nominees_link_is_refused(client, setup):
    _, _, invitation, token = setup
    services.erase_contact(nomination=invitation.nomination, reason="request")
    _refused_like_a_missing_link(client, token)


def test_a_reminder_link_replaces_the_invitation_link(client, setup):
    _, _, invitation, token = setup
    reminder_token = send(invitation, kind="reminder")
    _refused_like_a_missing_link(client, token)
    assert client.get(_url(reminder_token)).status_code == 302


def test_repeated_misses_are_slowed_down(client, setup):
    *_, token = setup
    for _ in range(20):
        assert client.get(_url("wrong-" + "y" * 40)).status_code == 404
    assert client.get(_url(token)).status_code == 429
