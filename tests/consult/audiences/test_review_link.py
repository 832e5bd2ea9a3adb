"""A review invitation's link admits one response, to the review round only."""

import pytest
from django.urls import reverse

from consult.audiences.models import Invitation
from surveys.admission import SESSION_KEY
from surveys.models import Response
from surveys.sections import sections_of

from .helpers import send
from .review_helpers import closed_consultation, consent, open_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_back(db):
    consultation, main, answers, _ = closed_consultation()
    consent(answers[0].response, "parent@example.org")
    round_ = open_review(consultation)
    invitation = Invitation.objects.get(round=round_)
    return main, round_, invitation, send(invitation)


def answer_every_section(client, round_):
    """Say "yes" to each theme with a correction, and rank them in reverse."""
    for section in sections_of(round_.survey):
        data = {}
        for q in section.questions:
            if q.kind == q.Kind.SINGLE_CHOICE:
                data[str(q.pk)] = q.choices()[0]
            elif q.kind == q.Kind.LONG_TEXT:
                data[str(q.pk)] = "You missed the evening opening hours."
            else:
                data[str(q.pk)] = [str(n) for n in range(len(q.choices()), 0, -1)]
        url = reverse(
            "surveys:section",
            kwargs={"round_id": round_.pk, "number": section.number},
        )
        sent = client.post(url, data)  # the last one answers with the check page
        assert sent.status_code == 302 or "Check your answers" in sent.content.decode()


def test_the_link_admits_to_the_review_round_once(client, invited_back):
    main, round_, invitation, token = invited_back
    link = reverse("audiences:invitation", kwargs={"token": token})
    opened = client.get(link)
    assert opened.url == reverse("surveys:start", kwargs={"round_id": round_.pk})
    assert set(client.session[SESSION_KEY]) == {str(round_.pk)}  # not the main round
    start = client.get(opened.url).content.decode()
    assert "What we heard" in start and "Single front door (2 answers)" in start

    client.post(opened.url)
    answer_every_section(client, round_)
    done = client.post(reverse("surveys:check", kwargs={"round_id": round_.pk}), {})
    assert done.status_code == 200 and b"Response sent" in done.content
    response = Response.objects.get(round=round_)
    assert response.admitted_by == invitation.admission_key
    assert not Response.objects.filter(round=main, admitted_by=response.admitted_by)
    invitation.refresh_from_db()
    assert invitation.responded_at and invitation.token_hash is None

    # Used: the same link now refuses, in this browser or any other.
    assert client.get(link).status_code == 404
    client.logout()
    assert client.get(link).status_code == 404


def test_the_review_is_closed_to_people_without_a_link(client, invited_back):
    _, round_, _, _ = invited_back
    # A public consultation, yet its review period needs a personal link.
    assert round_.consultation.audience == "public"
    page = client.get(reverse("surveys:start", kwargs={"round_id": round_.pk}))
    assert page.status_code == 403
    assert "responded before and agreed to be contacted again" in page.content.decode()
