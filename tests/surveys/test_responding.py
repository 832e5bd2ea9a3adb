"""Responding through the pages: errors keep what was typed, one response per draft."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.models import Answer, Consultation, Draft, Response
from tests.surveys.factories import start_response, survey_round

pytestmark = pytest.mark.django_db


def url(name, round_, **kw):
    return reverse(f"surveys:{name}", kwargs={"round_id": round_.pk, **kw})


@pytest.fixture
def started(client):
    round_, q = survey_round()
    start_response(client, round_)
    return round_, q


def answer_all(client, round_, q, text="Keep the centres open"):
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    client.post(
        url("section", round_, number=2),
        {str(q["views"].pk): text, str(q["services"].pk): ["Schools"]},
    )


def test_sections_show_their_number_and_questions(client, started):
    round_, q = started
    html = client.get(url("section", round_, number=1)).content.decode()
    assert "Section 1 of 2" in html and "Which best describes you?" in html
    assert "What do you think?" not in html


def test_error_is_linked_from_the_summary_and_typed_text_is_kept(client, started):
    round_, q = started
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    too_long = "x" * 51
    response = client.post(
        url("section", round_, number=2), {str(q["views"].pk): too_long}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert f'href="#id_{q["views"].pk}"' in html
    assert "must be 50 characters or fewer" in html
    assert too_long in html  # nothing typed is lost
    assert Draft.objects.get().answers[str(q["views"].pk)] == too_long


def test_a_full_response_is_checked_then_sent_once(client, started):
    round_, q = started
    answer_all(client, round_, q)
    check = client.get(url("check", round_)).content.decode()
    assert "Keep the centres open" in check and "Parent or carer" in check
    # Sending answers with the confirmation itself, as a Wagtail form page does.
    first = client.post(url("check", round_))
    second = client.post(url("check", round_))  # a double click, a retry, a reload
    assert first.status_code == second.status_code == 200
    response = Response.objects.get()
    for sent in (first, second):
        html = sent.content.decode()
        assert "Response sent" in html and response.reference in html
    answers = {a.question_id: a for a in Answer.objects.all()}
    assert answers[q["views"].pk].text == "Keep the centres open"
    assert answers[q["services"].pk].value == ["Schools"]
    done = client.get(reverse("surveys:confirmation", args=[response.reference]))
    assert "Response sent" in done.content.decode()  # the page to come back to


def test_starting_again_after_sending_gives_a_fresh_response(client, started):
    """Someone else on the same phone must not see, or lose, a sent response."""
    round_, q = started
    answer_all(client, round_, q, text="First person's views")
    client.post(url("check", round_))
    start_response(client, round_)
    section = client.get(url("section", round_, number=2)).content.decode()
    assert "First person's views" not in section
    answer_all(client, round_, q, text="Second person's views")
    client.post(url("check", round_))
    assert Response.objects.count() == 2
    assert set(Answer.objects.values_list("text", flat=True)) >= {
        "First person's views",
        "Second person's views",
    }


def test_free_text_is_stored_as_typed_and_escaped_when_shown(client, started):
    round_, q = started
    answer_all(client, round_, q, text="<script>alert(1)</script>")
    html = client.get(url("check", round_)).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    client.post(url("check", round_))
    assert Answer.objects.get(question=q["views"]).text == "<script>alert(1)</script>"


def test_invalid_choices_and_forged_question_ids_change_nothing(client, started):
    round_, q = started
    response = client.post(
        url("section", round_, number=1),
        {
            str(q["who"].pk): "Head of the universe",
            "00000000-0000-0000-0000-000000000000": "x",
        },
    )
    assert "Select one of the options" in response.content.decode()
    answers = Draft.objects.get().answers
    assert "00000000-0000-0000-0000-000000000000" not in answers
    client.post(url("check", round_))
    assert Response.objects.count() == 0  # the invalid choice stops the submission


def test_a_response_after_close_is_refused_and_the_draft_kept(client, started):
    round_, q = started
    answer_all(client, round_, q)
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    response = client.post(url("check", round_))
    assert response.status_code == 410 and "has closed" in response.content.decode()
    assert Response.objects.count() == 0
    draft = Draft.objects.get()
    assert draft.answers[str(q["views"].pk)] == "Keep the centres open"


def test_submission_is_refused_when_the_round_closed_mid_way(started):
    from surveys.services import RoundClosed, submit_draft

    round_, q = started
    round_.closes_at = timezone.now() - timedelta(seconds=1)
    round_.save()
    with pytest.raises(RoundClosed):
        submit_draft(draft_id=Draft.objects.get().pk)
    assert Draft.objects.get().refused_at is not None


def test_missing_csrf_token_is_refused(started):
    from django.test import Client

    round_, q = started
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("section", round_, number=1), {"save": "1"})
    assert response.status_code == 403 and Draft.objects.count() == 1


def test_pages_without_a_draft_go_back_to_the_start(client):
    round_, _ = survey_round()
    assert client.get(url("check", round_)).url == url("start", round_)


def test_staff_consultations_need_sign_in(client):
    round_, _ = survey_round(consultation__audience=Consultation.Audience.STAFF)
    response = client.get(url("start", round_))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    someone = User.objects.create_user("someone@example.org", "x" * 16)
    client.force_login(someone)
    refused = client.get(url("start", round_))
    assert refused.status_code == 403
    assert "This consultation is for council staff" in refused.content.decode()
    someone.groups.add(Group.objects.get(name=Role.STAFF))
    assert client.get(url("start", round_)).status_code == 200


def test_targeted_consultations_need_admission(client, rf):
    from surveys.admission import admit

    round_, _ = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    response = client.get(url("start", round_))
    assert response.status_code == 403 and "personal link" in response.content.decode()
    session = client.session
    session["admissions"] = {str(round_.pk): {"key": "inv:1", "label": ""}}
    session.save()
    assert client.get(url("start", round_)).status_code == 200
    start_response(client, round_)
    assert Draft.objects.get().admitted_by == "inv:1"
    request = rf.get("/")
    request.session = client.session
    assert admit(request, round_id=round_.pk, key="inv:2").url == url("start", round_)


def test_an_invited_respondent_who_has_sent_sees_their_response(client):
    round_, q = survey_round(consultation__audience=Consultation.Audience.TARGETED)
    session = client.session
    session["admissions"] = {str(round_.pk): {"key": "inv:1", "label": ""}}
    session.save()
    start_response(client, round_)
    answer_all(client, round_, q)
    client.post(url("check", round_))
    reference = Response.objects.get().reference
    again = client.get(url("start", round_))
    assert again.status_code == 302 and again.url.endswith(f"/{reference}/")
    assert client.post(url("start", round_)).url.endswith(f"/{reference}/")
    assert Draft.objects.count() == 1


def test_confirmation_is_only_shown_to_the_browser_that_sent_it(client, started):
    round_, q = started
    answer_all(client, round_, q)
    client.post(url("check", round_))
    done = reverse("surveys:confirmation", args=[Response.objects.get().reference])
    from django.test import Client

    assert client.get(done).status_code == 200
    assert Client().get(done).status_code == 404


def test_nul_characters_are_dropped_at_the_edge_and_the_rest_is_kept(client, started):
    """No one types NUL: consult/edge/middleware.py drops it before any form."""
    round_, q = started
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Parent or carer"})
    response = client.post(
        url("section", round_, number=2), {str(q["views"].pk): "Keep\x00 it"}
    )
    assert response.status_code == 302
    assert Draft.objects.get().answers[str(q["views"].pk)] == "Keep it"
