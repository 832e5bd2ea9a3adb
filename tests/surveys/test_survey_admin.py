"""Officers build, preview and copy surveys in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group

from consult.accounts.models import User
from surveys.models import Question, Survey
from surveys.services import copy_survey
from tests.conftest import with_totp
from tests.surveys.factories import K, SurveyFactory, question

pytestmark = pytest.mark.django_db


def _copy_url(survey) -> str:
    return f"/admin/snippets/surveys/survey/copy-with-questions/{survey.pk}/"


@pytest.fixture
def officer(client):
    user = User.objects.create_user("officer@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Officer"))
    with_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def survey():
    survey = SurveyFactory(title="Family hubs")
    parent = question(survey, K.YES_NO, "Do you use a hub?", order=0)
    question(
        survey,
        K.LONG_TEXT,
        "What works?",
        section="Hubs",
        order=1,
        show_if_question=parent,
        show_if_value="Yes",
    )
    return survey


def test_copy_keeps_questions_and_points_show_if_at_the_copies(survey):
    copy = copy_survey(survey=survey, title="Family hubs, review round")
    original = list(survey.questions.order_by("sort_order"))
    copied = list(copy.questions.order_by("sort_order"))
    assert [(q.label, q.kind, q.section) for q in copied] == [
        (q.label, q.kind, q.section) for q in original
    ]
    assert copied[1].show_if_question == copied[0]
    assert Question.objects.filter(survey=survey).count() == 2  # original untouched


def test_officer_copies_from_the_admin(client, officer, survey):
    listing = client.get("/admin/snippets/surveys/survey/").content.decode()
    assert _copy_url(survey) in listing
    response = client.post(_copy_url(survey), {"title": "Second round"})
    copy = Survey.objects.get(title="Second round")
    assert response.status_code == 302 and str(copy.pk) in response.url
    assert copy.questions.count() == 2


def test_copy_needs_permission(client, survey):
    client.force_login(User.objects.create_user("staff@example.org", "x" * 16))
    response = client.post(_copy_url(survey), {"title": "Nope"})
    assert response.status_code in (302, 403)
    assert not Survey.objects.filter(title="Nope").exists()


def test_editor_sees_the_survey_edit_form_with_its_questions(client, officer, survey):
    html = client.get(
        f"/admin/snippets/surveys/survey/edit/{survey.pk}/"
    ).content.decode()
    assert "What works?" in html and "Show only if" in html


def test_preview_renders_every_section_with_show_if_notes(rf, survey):
    from django.template.loader import render_to_string

    context = survey.get_preview_context(rf.get("/"), "")
    html = render_to_string(survey.get_preview_template(None, ""), context)
    assert "Section 2 of 2" in html and "What works?" in html
    assert "Shown only if the answer to “Do you use a hub?” is “Yes”" in html


def test_show_if_offers_only_this_surveys_questions_with_their_section(
    client, officer, survey
):
    other = SurveyFactory(title="Another survey")
    question(other, K.YES_NO, "Do you use a hub?", order=0)  # the same wording
    html = client.get(
        f"/admin/snippets/surveys/survey/edit/{survey.pk}/"
    ).content.decode()
    assert ">Your views: Do you use a hub?</option>" in html
    assert html.count("Do you use a hub?</option>") == html.count(
        ">Your views: Do you use a hub?</option>"
    )
    other_pk = str(other.questions.get().pk)
    assert f'value="{other_pk}"' not in html


def test_the_survey_chooser_tells_same_titles_apart(client, officer):
    from tests.cms.factories import RoundFactory

    used = SurveyFactory(title="Your views")
    question(used, K.LONG_TEXT, "Anything else?")
    RoundFactory(survey=used, consultation__title="Youth clubs")
    SurveyFactory(title="Your views")
    html = client.get("/admin/snippets/choose/surveys/survey/").content.decode()
    assert "Youth clubs" in html and "Not used yet" in html
