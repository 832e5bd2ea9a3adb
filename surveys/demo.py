"""Demo surveys on the demo consultations' rounds (made by cms.demo)."""

from .models import Question, QuestionWording, Survey, SurveyVersion

K = Question.Kind

OPERATING_MODEL = [
    ("About you", K.RESPONDENT_TYPE, "Which best describes you?", "", True, ""),
    ("About you", K.SERVICES, "Which of our services do you use?", "", False, ""),
    (
        "The single front door",
        K.AGREE_SCALE,
        "One number and one team for all requests for help is a good idea",
        "",
        True,
        "",
    ),
    (
        "The single front door",
        K.LONG_TEXT,
        "What would make it easier for you to ask for help?",
        "For example, times you can call, languages, or ways to get in touch.",
        False,
        "",
    ),
    (
        "Teams Around the Family",
        K.YES_NO,
        "Have you worked with more than one of our services at the same time?",
        "",
        False,
        "",
    ),
    (
        "Teams Around the Family",
        K.LONG_TEXT,
        "What should a Team Around the Family do for families like yours?",
        "",
        False,
        "",
    ),
    (
        "Names and places",
        K.SINGLE_CHOICE,
        "We propose renaming the early intervention service. Which name do you prefer?",
        "",
        False,
        "Early Intervention (keep the current name)\nEarly Help\nFamily Help\nNo preference",
    ),
    (
        "Names and places",
        K.LONG_TEXT,
        "What do you think about moving teams to one site at the Civic Centre?",
        "",
        False,
        "",
    ),
    (
        "Anything else",
        K.RATING,
        "Overall, how well would the new model meet your family's needs? (1 is not at all, 5 is very well)",
        "",
        False,
        "",
    ),
    (
        "Anything else",
        K.LONG_TEXT,
        "Is there anything else you want to tell us?",
        "",
        False,
        "",
    ),
    (
        "Anything else",
        K.RECONTACT,
        "May we contact you again in the review period to check we heard you right?",
        "",
        False,
        "",
    ),
]


# Other versions of the operating-model survey, by question number above.
YOUNG_WORDING = {
    0: "Who are you?",
    2: "One phone number for all help is a good idea",
    3: "What would make it easier to ask us for help?",
    5: "What should a team that helps your family do?",
    9: "Anything else you want to tell us?",
}
# A demo translation: marked as such wherever it is shown.
POLISH_WORDING = {
    0: ("Co najlepiej Cię opisuje?", ""),
    2: (
        "Jeden numer i jeden zespół do wszystkich próśb o pomoc to dobry pomysł",
        "Zdecydowanie się zgadzam\nZgadzam się\nNie mam zdania\nNie zgadzam się\n"
        "Zdecydowanie się nie zgadzam",
    ),
    3: ("Co ułatwiłoby Ci proszenie o pomoc?", ""),
    9: ("Czy chcesz nam powiedzieć coś jeszcze?", ""),
}


def add_versions(survey: Survey) -> None:
    """A young people's version and a Polish demo translation of the same questions."""
    questions = list(survey.questions.order_by("sort_order"))
    young = SurveyVersion.objects.create(
        survey=survey,
        variant="young",
        name="Young people's version",
        title="Have your say: how we help families",
        introduction="Tell us what you think. It takes about 5 minutes.",
    )
    for number, label in YOUNG_WORDING.items():
        QuestionWording.objects.create(
            version=young, question=questions[number], label=label
        )
    polish = SurveyVersion.objects.create(
        survey=survey,
        variant="pl",
        name="Polski",
        title="Wyraź swoją opinię o nowym modelu działania",
        note="Demo translation, not checked by a translator",
    )
    for number, (label, options) in POLISH_WORDING.items():
        QuestionWording.objects.create(
            version=polish, question=questions[number], label=label, options=options
        )


def build_survey(title: str, introduction: str, questions) -> Survey:
    survey = Survey.objects.create(title=title, introduction=introduction)
    for order, (section, kind, label, hint, required, options) in enumerate(questions):
        Question.objects.create(
            survey=survey,
            sort_order=order,
            section=section,
            kind=kind,
            label=label,
            hint=hint,
            required=required,
            options=options,
        )
    return survey


def seed(demo: dict) -> None:
    consultations = demo.get("consultations")
    if not consultations:
        return
    main = build_survey(
        "Have your say on the new operating model",
        "Tell us what you think about how we plan to support children, young people "
        "and families. It takes about 10 minutes.",
        OPERATING_MODEL,
    )
    add_versions(main)
    model_round = consultations["operating_model"].main_round
    model_round.survey = main
    model_round.save(update_fields=["survey"])
    for key in ("staff", "targeted"):
        round_ = consultations[key].main_round
        round_.survey = build_survey(
            f"{consultations[key].title}: your views",
            "",
            [
                (s, k, label, h, r, o)
                for s, k, label, h, r, o in OPERATING_MODEL
                if s != "About you"
            ],
        )
        round_.save(update_fields=["survey"])
    demo["surveys"] = {"operating_model": main}
