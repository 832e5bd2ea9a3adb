"""The ranking question: a select per option, each position used once, no JavaScript."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from surveys.exports import rows
from surveys.forms import SectionForm
from surveys.models import Question, Response
from surveys.services import start_change
from tests.cms.factories import RoundFactory
from tests.surveys.factories import SurveyFactory, question

pytestmark = pytest.mark.django_db
K = Question.Kind
LABEL = "Rank these themes"


@pytest.fixture
def ranking():
    return question(
        SurveyFactory(), K.RANKING, LABEL, options="Front door\nCAMHS\nOne site"
    )


def _form(q, positions):
    data = QueryDict(mutable=True)
    data.setlist(str(q.pk), positions)
    return SectionForm([q], data=data)


def test_positions_clean_to_the_options_in_ranked_order(ranking):
    form = _form(ranking, ["2", "3", "1"])
    assert form.is_valid()
    assert form.cleaned_data[str(ranking.pk)] == ["One site", "Front door", "CAMHS"]


@pytest.mark.parametrize(
    ("positions", "message"),
    [
        (["1", "1", "2"], "Use each position once in “Rank these themes”: you chose 1"),
        (["1", "", "2"], "Select a position for every option in “Rank these themes”"),
        (["1", "2", "9"], "Choose a position from 1 to 3 for each option"),
        (["1", "2"], "Select a position for every option"),
    ],
)
def test_each_position_once_with_a_clear_message(ranking, positions, message):
    form = _form(ranking, positions)
    assert not form.is_valid()
    assert message in form.errors[str(ranking.pk)][0]


def test_optional_when_left_blank_required_when_asked(ranking):
    assert _form(ranking, ["", "", ""]).is_valid()
    ranking.required = True
    form = _form(ranking, ["", "", ""])
    assert not form.is_valid()
    assert "Select a position for every option" in form.errors[str(ranking.pk)][0]


def test_the_respond_flow_checks_stores_exports_and_changes_a_ranking(client, ranking):
    round_ = RoundFactory(survey=ranking.survey)
    start = reverse("surveys:start", kwargs={"round_id": round_.pk})
    section = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    client.post(start)
    page = client.get(section).content.decode()
    assert page.count('<select class="govuk-select"') == 3
    label = f'<label class="govuk-label" for="id_{ranking.pk}-1">Front door</label>'
    assert label in page

    refused = client.post(section, {str(ranking.pk): ["1", "1", "2"]})
    html = refused.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{ranking.pk}-1"' in html  # the summary links the first select
    assert "you chose 1 more than once" in html
    assert 'value="1" selected' in html  # what was chosen is kept

    client.post(section, {str(ranking.pk): ["3", "1", "2"]})
    check = client.get(reverse("surveys:check", kwargs={"round_id": round_.pk}))
    assert "1. CAMHS, 2. One site, 3. Front door" in check.content.decode()
    client.post(reverse("surveys:check", kwargs={"round_id": round_.pk}), {})
    response = Response.objects.get()
    answer = response.answers.get()
    assert answer.value == ["CAMHS", "One site", "Front door"]
    assert list(rows(round_))[1][-1] == "CAMHS; One site; Front door"

    draft = start_change(response=response)
    assert draft.answers[str(ranking.pk)] == ["3", "1", "2"]
