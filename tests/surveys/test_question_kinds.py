"""Each question kind becomes the right field, with its own validation."""

import pytest

from surveys.forms import SectionForm
from surveys.models import Question
from tests.surveys.factories import SurveyFactory, question

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (K.AGREE_SCALE, "Strongly agree", "Maybe"),
        (K.RATING, "5", "6"),
        (K.YES_NO, "Don't know", "Perhaps"),
        (K.RESPONDENT_TYPE, "Trade union", "Alien"),
        (K.SINGLE_CHOICE, "Blue", "Green"),
    ],
)
def test_single_choice_kinds_accept_only_their_options(kind, good, bad):
    q = question(SurveyFactory(), kind, "Q", options="Red\nBlue")
    assert SectionForm([q], data={str(q.pk): good}).is_valid()
    form = SectionForm([q], data={str(q.pk): bad})
    assert (
        not form.is_valid() and "Select one of the options" in form.errors[str(q.pk)][0]
    )


def test_multiple_choice_accepts_several_known_options_only():
    from django.http import QueryDict

    q = question(SurveyFactory(), K.MULTIPLE_CHOICE, "Q", options="A\nB\nC")
    data = QueryDict(mutable=True)
    data.setlist(str(q.pk), ["A", "C"])
    form = SectionForm([q], data=data)
    assert form.is_valid() and form.cleaned_data[str(q.pk)] == ["A", "C"]
    data.setlist(str(q.pk), ["A", "Z"])
    assert not SectionForm([q], data=data).is_valid()


def test_services_question_offers_the_service_list():
    from consult.organisation.models import Service

    Service.objects.create(name="Children's Centres", slug="cc")
    q = question(SurveyFactory(), K.SERVICES, "Which services?")
    assert q.choices() == ["Children's Centres"]


@pytest.mark.parametrize(("kind", "limit"), [(K.SHORT_TEXT, 500), (K.LONG_TEXT, 5000)])
def test_text_kinds_have_a_default_limit(kind, limit):
    q = question(SurveyFactory(), kind, "Q")
    assert SectionForm([q], data={str(q.pk): "x" * limit}).is_valid()
    assert not SectionForm([q], data={str(q.pk): "x" * (limit + 1)}).is_valid()


def test_required_questions_name_themselves_in_the_error():
    q = question(SurveyFactory(), K.SHORT_TEXT, "Your postcode", required=True)
    form = SectionForm([q], data={})
    assert form.errors[str(q.pk)] == ["Enter your answer to “Your postcode”"]


def test_show_if_hides_a_question_until_its_condition_holds():
    survey = SurveyFactory()
    parent = question(survey, K.YES_NO, "Do you use CAMHS?")
    child = question(
        survey,
        K.LONG_TEXT,
        "How was it?",
        show_if_question=parent,
        show_if_value="Yes",
        order=1,
    )
    assert not child.is_shown({})
    assert not child.is_shown({str(parent.pk): "No"})
    assert child.is_shown({str(parent.pk): "Yes"})
