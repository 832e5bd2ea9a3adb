import factory

from surveys.models import Question, Survey
from tests.cms.factories import RoundFactory

K = Question.Kind


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Survey {n}")


def question(
    survey,
    kind,
    label,
    *,
    section="Your views",
    required=False,
    options="",
    order=0,
    **extra,
):
    return Question.objects.create(
        survey=survey,
        kind=kind,
        label=label,
        section=section,
        required=required,
        options=options,
        sort_order=order,
        **extra,
    )


def survey_round(**round_kwargs):
    """An open round with a two-section survey: a required choice, then free text."""
    survey = SurveyFactory()
    who = question(
        survey,
        K.RESPONDENT_TYPE,
        "Which best describes you?",
        section="About you",
        required=True,
        order=0,
    )
    views = question(survey, K.LONG_TEXT, "What do you think?", max_length=50, order=1)
    services = question(
        survey,
        K.MULTIPLE_CHOICE,
        "Which do you use?",
        options="Centres\nSchools",
        order=2,
    )
    round_ = RoundFactory(survey=survey, **round_kwargs)
    return round_, {"who": who, "views": views, "services": services}


def start_response(client, round_):
    """Start a response as a respondent does: a draft is made when the first page
    is sent (here with "Save and come back later", nothing answered); the page
    shown without a draft marks its form "fresh"."""
    from django.urls import reverse

    section = reverse("surveys:section", kwargs={"round_id": round_.pk, "number": 1})
    return client.post(section, {"save": "1", "fresh": "1"})
