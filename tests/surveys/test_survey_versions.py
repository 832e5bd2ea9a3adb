"""Young people's, easy-read and translated versions reword the same questions:
answers count together, the version is recorded, right-to-left scripts display
right to left."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from consult.accounts.models import User
from surveys.models import Answer, QuestionWording, Response, SurveyVersion
from tests.conftest import with_totp
from tests.surveys.factories import start_response, survey_round
from tests.surveys.test_responding import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions():
    round_, q = survey_round()
    round_.survey.include_equalities = False
    round_.survey.save()
    young = SurveyVersion.objects.create(
        survey=round_.survey,
        variant="young",
        name="Young people's version",
        title="Tell us what you think",
    )
    QuestionWording.objects.create(
        version=young, question=q["views"], label="What do you reckon?"
    )
    arabic = SurveyVersion.objects.create(
        survey=round_.survey,
        variant="ar",
        name="العربية",
        title="أخبرنا برأيك",
        note="Demo translation",
    )
    QuestionWording.objects.create(
        version=arabic,
        question=q["who"],
        label="أي مما يلي يصفك بشكل أفضل؟",
        options="والد أو مقدم رعاية\nشاب\nموظف\nنقابة\nمنظمة شريكة\nأخرى",
    )
    return round_, q


def test_the_start_page_offers_the_versions(client, versions):
    round_, _ = versions
    html = client.get(url("start", round_)).content.decode()
    assert "Young people&#x27;s version" in html and "?variant=young" in html
    assert 'lang="ar"' in html and "Demo translation" in html


def test_a_young_persons_answers_count_with_everyone_elses(client, versions):
    round_, q = versions
    first = client.get(url("section", round_, number=1) + "?variant=young")
    assert 'name="variant" value="young"' in first.content.decode()
    client.post(
        url("section", round_, number=1),
        {str(q["who"].pk): "Young person", "variant": "young", "fresh": "1"},
    )
    page = client.get(url("section", round_, number=2)).content.decode()
    assert "What do you reckon?" in page and "What do you think?" not in page
    client.post(url("section", round_, number=2), {str(q["views"].pk): "Skate park"})
    client.post(url("check", round_))
    response = Response.objects.get()
    assert response.variant == "young"
    answer = Answer.objects.get(response=response, question=q["views"])
    assert answer.text == "Skate park"  # the same question as the full version's


def test_a_right_to_left_version_displays_right_to_left_and_records_the_option(
    client, versions
):
    round_, q = versions
    html = client.get(url("section", round_, number=1) + "?variant=ar").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "شاب" in html and 'value="Young person"' in html
    client.post(
        url("section", round_, number=1),
        {str(q["who"].pk): "Young person", "variant": "ar", "fresh": "1"},
    )
    client.post(url("section", round_, number=2), {})
    client.post(url("check", round_))
    response = Response.objects.get()
    assert response.variant == "ar"
    assert response.answers.get(question=q["who"]).value == ["Young person"]


def test_exports_say_which_version_was_answered(client, versions):
    round_, q = versions
    start_response(client, round_)
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    client.post(url("section", round_, number=2), {})
    client.post(url("check", round_))
    officer = with_totp(User.objects.create_user("officer@example.org", "x" * 16))
    officer.groups.add(Group.objects.get(name="Officer"))
    client.force_login(officer)
    export = client.get(
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    )
    table = list(
        csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    )
    assert table[0][5] == "Version" and table[1][5] == "Full"
    # A language version names its language, as the report does.
    Response.objects.update(variant="ar")
    export = client.get(
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    )
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][5] == "العربية (ar)"


def test_a_changed_wording_shows_on_the_next_page(client, versions):
    round_, q = versions
    page = url("section", round_, number=2) + "?variant=young"
    client.post(
        url("section", round_, number=1),
        {str(q["who"].pk): "Young person", "variant": "young", "fresh": "1"},
    )
    assert "What do you reckon?" in client.get(page).content.decode()
    wording = QuestionWording.objects.get(label="What do you reckon?")
    wording.label = "What do you think about it?"
    wording.save()
    assert "What do you think about it?" in client.get(page).content.decode()


def test_choosing_another_version_moves_the_draft(client, versions):
    from surveys.models import Draft

    round_, q = versions
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    assert Draft.objects.get().variant == ""
    client.get(url("start", round_) + "?variant=young")
    assert Draft.objects.get().variant == "young"
    page = client.get(url("section", round_, number=2)).content.decode()
    assert "What do you reckon?" in page
    client.get(url("start", round_) + "?variant=full")
    assert Draft.objects.get().variant == ""
