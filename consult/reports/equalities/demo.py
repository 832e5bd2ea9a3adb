"""Demo equality evidence: an illustrative population profile, and more demo
responses to the operating-model survey that carry monitoring answers.

Everything here is made up (demo data, as the whole demo site is). The groups
are shaped so that the evidence page has something to show: disabled
respondents disagree with the single front door more often than others, young
respondents prefer another name, several small groups stay under the threshold
and are suppressed. The responses go through the real submission service, so
their monitoring answers are stored apart and linked only by the HMAC.

Run after ``surveys.demo_responses`` and before ``consult.analysis.demo`` (so
that the analysis tags these answers too).
"""

import random

from surveys.models import Draft, Question
from surveys.services import submit_draft

from .population import install_illustrative_profile

DEMO_RESPONSES = 180
WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"

DISABLED_DOOR = [
    "The Civic Centre has no step-free entrance and I use a wheelchair.",
    "As a disabled parent I cannot queue on the phone for an hour; I need e-mail.",
    "My son is autistic and a phone line alone will not work for us.",
]
OTHER_DOOR = [
    "One number is simpler, as long as someone answers.",
    "I like the idea of one team for everything.",
    "Please make sure the phone line is open in the evening.",
]
LANGUAGE_DOOR = "I need an interpreter: my English is not good enough for the phone."
CARER_DOOR = "I care for my mum all day, so I can only call in the evening."


def _pick(rng, weighted):
    options, weights = zip(*weighted, strict=True)
    return rng.choices(options, weights=weights)[0]


def monitoring(rng) -> dict:
    """One made-up respondent's monitoring answers (some skipped)."""
    age = _pick(
        rng,
        [("Under 16", 3), ("16 to 24", 14), ("25 to 34", 50), ("35 to 44", 55),
         ("45 to 54", 30), ("55 to 64", 15), ("65 to 74", 8), ("75 or over", 2),
         ("Prefer not to say", 3)],
    )  # fmt: skip
    answers = {
        "age_band": age,
        "sex": _pick(rng, [("Female", 62), ("Male", 33), ("Prefer not to say", 5)]),
        "ethnicity": _pick(
            rng,
            [
                (WHITE_BRITISH, 70),
                ("Any other White background", 9),
                ("Asian or Asian British: Pakistani", 7),
                ("Black, Black British, Caribbean or African: African", 3),
                ("Mixed: White and Black Caribbean", 2),
                ("Prefer not to say", 4),
            ],
        ),  # fmt: skip
        "religion": _pick(
            rng,
            [
                ("No religion", 45),
                ("Christian", 35),
                ("Muslim", 10),
                ("Hindu", 2),
                ("Any other religion", 2),
                ("Prefer not to say", 6),
            ],
        ),  # fmt: skip
        "disability": _pick(rng, [("Yes", 30), ("No", 62), ("Prefer not to say", 8)]),
        "caring": _pick(
            rng,
            [
                ("No", 70),
                ("Yes, 9 hours a week or less", 10),
                ("Yes, 20 to 49 hours a week", 8),
                ("Yes, 50 or more hours a week", 7),
            ],
        ),  # fmt: skip
    }
    if age != "Under 16":  # the form does not ask under-16s these two
        answers["gender_identity"] = _pick(rng, [("Yes", 95), ("No", 2)])
        answers["sexual_orientation"] = _pick(
            rng,
            [("Straight or heterosexual", 85), ("Gay or lesbian", 4),
             ("Bisexual", 4), ("Prefer not to say", 7)],
        )  # fmt: skip
    # About one in ten skip a question (an empty answer is not stored).
    return {k: v for k, v in answers.items() if rng.random() > 0.1}


def _views(rng, q, who: dict) -> dict:
    disabled = who.get("disability") == "Yes"
    young = who.get("age_band") in ("Under 16", "16 to 24")
    agree = _pick(
        rng,
        [("Strongly agree", 10), ("Agree", 15), ("Neither agree nor disagree", 10),
         ("Disagree", 35), ("Strongly disagree", 30)]
        if disabled
        else [("Strongly agree", 25), ("Agree", 35), ("Neither agree nor disagree", 20),
              ("Disagree", 12), ("Strongly disagree", 8)],
    )  # fmt: skip
    door = rng.choice(DISABLED_DOOR if disabled else OTHER_DOOR)
    if who.get("ethnicity", WHITE_BRITISH) not in (WHITE_BRITISH, "Prefer not to say"):
        door = LANGUAGE_DOOR if rng.random() < 0.5 else door
    if str(who.get("caring", "No")).startswith("Yes") and rng.random() < 0.4:
        door = CARER_DOOR
    names = q[6].choices()
    return {
        str(q[0].pk): "Young person" if young else "Parent or carer",
        str(q[2].pk): agree,
        str(q[3].pk): door,
        str(q[4].pk): rng.choice(Question.FIXED_CHOICES[Question.Kind.YES_NO]),
        str(q[6].pk): names[3] if young and rng.random() < 0.7 else rng.choice(names),
        str(q[8].pk): str(rng.randint(1, 3) if disabled else rng.randint(2, 5)),
    }


def seed(demo: dict) -> None:
    """The illustrative profile, and demo responses with monitoring answers."""
    install_illustrative_profile(user=demo.get("users", {}).get("Officer"))
    survey = demo.get("surveys", {}).get("operating_model")
    if survey is None:
        return
    demo["equality_responses"] = add_demo_responses(
        round_=survey.rounds.get(), count=DEMO_RESPONSES
    )


def add_demo_responses(*, round_, count: int) -> int:
    """``count`` demo responses with monitoring answers, through the real
    submission service. Not idempotent: each call adds more (seeding runs once)."""
    q = list(round_.survey.questions.order_by("sort_order"))
    rng = random.Random(13)
    for _ in range(count):
        who = monitoring(rng)
        draft = Draft.objects.create(
            round=round_, answers=_views(rng, q, who), equalities=who
        )
        submit_draft(draft_id=draft.pk)
    return count
