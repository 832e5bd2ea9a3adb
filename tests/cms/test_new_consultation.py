"""One pass to publish: record, rounds, survey and a draft page, all or nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.models import ConsultationPage
from cms.publishing import NewConsultation, create_consultation
from cms.publishing_forms import survey_label
from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.models import Consultation, Question, Round, Survey
from tests.conftest import with_totp
from tests.surveys.factories import SurveyFactory, question

pytestmark = pytest.mark.django_db
URL = reverse("cms_new_consultation")
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def officer(client, site_root):
    user = with_totp(User.objects.create_user("officer@example.org", "x" * 16))
    user.groups.add(Group.objects.get(name=Role.OFFICER))
    client.force_login(user)
    return user


def posted(**changes):
    now = timezone.now()
    data = {
        "title": "Youth clubs review",
        "summary": "Tell us about youth clubs.",
        "audience": "public",
        "opens_at": (now + timedelta(days=1)).strftime(FMT),
        "closes_at": (now + timedelta(days=30)).strftime(FMT),
        "survey_source": "template",
        "template": "proposal_feedback",
    }
    return {**data, **changes}


def counts():
    return (
        Consultation.objects.count(),
        Round.objects.count(),
        Survey.objects.count(),
        ConsultationPage.objects.count(),
    )


def test_one_post_makes_the_record_rounds_survey_and_a_draft_page(client, officer):
    now = timezone.now()
    response = client.post(
        URL,
        posted(
            review_opens_at=(now + timedelta(days=40)).strftime(FMT),
            review_closes_at=(now + timedelta(days=50)).strftime(FMT),
        ),
    )
    page = ConsultationPage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.get_latest_revision() is not None
    consultation = page.consultation
    assert consultation.title == "Youth clubs review"
    assert {r.kind for r in consultation.rounds.all()} == {"main", "review"}
    survey = consultation.main_round.survey
    assert survey.questions.count() == 5
    assert survey.questions.filter(kind=Question.Kind.RECONTACT).count() == 1
    # The editor opens on the draft, ready to publish.
    assert client.get(response.url).status_code == 200


def test_new_questions_typed_on_the_page(client, officer):
    client.post(
        URL,
        posted(
            survey_source="new",
            question_1="What do you think?",
            kind_1="long_text",
            question_2="Do you use a youth club?",
            kind_2="yes_no",
        ),
    )
    survey = Survey.objects.get()
    assert list(survey.questions.values_list("label", "kind")) == [
        ("What do you think?", "long_text"),
        ("Do you use a youth club?", "yes_no"),
    ]


def test_copying_a_survey(client, officer):
    original = SurveyFactory(title="Youth survey")
    question(original, Question.Kind.LONG_TEXT, "Tell us more")
    client.post(URL, posted(survey_source="copy", copy_from=original.pk))
    copy = ConsultationPage.objects.get().consultation.main_round.survey
    assert copy != original and copy.questions.get().label == "Tell us more"


def test_bad_input_is_a_clear_error_and_makes_nothing(client, officer):
    before = counts()
    response = client.post(
        URL,
        posted(
            closes_at="2020-01-01T10:00",
            survey_source="new",
            template="",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The consultation must close after it opens" in html
    assert "Write at least one question" in html
    assert counts() == before


def test_a_failure_leaves_nothing_and_a_retry_works(officer, site_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    now = timezone.now()
    details = NewConsultation(
        title="Youth clubs review",
        summary="Tell us.",
        audience="public",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        survey_source="template",
        template="staff_consultation",
    )
    before = counts()
    monkeypatch.setattr(ConsultationPage, "save_revision", broken)
    with pytest.raises(RuntimeError):
        create_consultation(details=details, index=site_root, by=officer)
    assert counts() == before  # no stray record, survey or draft page
    monkeypatch.undo()
    page = create_consultation(details=details, index=site_root, by=officer)
    assert page.slug == "youth-clubs-review"


def test_only_officers_may(client, site_root):
    user = User.objects.create_user("staff@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name=Role.STAFF))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)


def test_surveys_are_told_apart_in_the_copy_list():
    one, two = SurveyFactory(title="Your views"), SurveyFactory(title="Your views")
    question(two, Question.Kind.LONG_TEXT, "Anything else?")
    assert survey_label(one) != survey_label(two)
    assert "1 question, not used yet" in survey_label(two)


def test_a_record_with_a_page_says_which_page_to_edit(client, officer, site_root):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.post(URL, posted())
    existing = ConsultationPage.objects.get()
    data = nested_form_data(
        {
            "title": "Second try",
            "slug": "second-try",
            "consultation": existing.consultation.pk,
            "summary": "Again.",
            "body": "[]",
            "documents": inline_formset([]),
            "contact": rich_text(""),
        }
    )
    data["body-count"] = "0"
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["cms", "consultationpage", site_root.pk],
        ),
        data,
    )
    html = response.content.decode()
    assert "already has a page, “Youth clubs review” (draft)" in html
    assert "already exists" not in html
    assert ConsultationPage.objects.count() == 1
