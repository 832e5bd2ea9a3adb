"""Demo responses to the operating-model survey, sent through the real service.

A few were taken by staff with the family (assisted: by phone, in person, with
an interpreter), so reports and exports show both kinds.
"""

import random

from .assisted import start_assisted_draft
from .channels import Channel
from .models import Draft, Question
from .services import save_draft_answers, submit_draft

# Response number -> how a member of staff helped, and the language if translated.
ASSISTED = {
    0: (Channel.TRANSLATED, "Polish"),
    6: (Channel.IN_PERSON, ""),
    7: (Channel.PHONE, ""),
}

VIEWS = [
    (
        "Parent or carer",
        "Agree",
        "One number I can ring in the evening, with someone who speaks Polish.",
        "Keep the same worker so we don't have to tell our story again.",
        "Early Help",
        "Two buses to the Civic Centre is too far for us.",
    ),
    (
        "Parent or carer",
        "Strongly agree",
        "Just answer the phone. I rang three times last year.",
        "A key worker who knows the school and the health visitor.",
        "Family Help",
        "",
    ),
    (
        "Young person",
        "Neither agree nor disagree",
        "text or chat, not phone calls",
        "someone who actually listens to young people",
        "No preference",
        "we need somewhere local after school",
    ),
    (
        "Staff member",
        "Disagree",
        "The access team will be a bottleneck unless it is properly staffed.",
        "TAF works when the lead professional has time. Caseloads are too high.",
        "Early Intervention (keep the current name)",
        "No parking for home visits at the Civic Centre.",
    ),
    (
        "Trade union",
        "Strongly disagree",
        "Staff were not consulted before this was drafted.",
        "The model removes 40 posts; integrated teams will be stretched.",
        "Early Intervention (keep the current name)",
        "The move has not had an equality impact assessment for part-time staff.",
    ),
    (
        "Partner organisation",
        "Agree",
        "Schools need a direct line to the access team.",
        "Share information with schools and GPs, with consent, so families tell it once.",
        "Early Help",
        "Locality teams must stay in children's centres.",
    ),
    (
        "Parent or carer",
        "Agree",
        "Make it less scary to ask for help. I worried they'd take my kids.",
        "Help with my son's anxiety before it gets to CAMHS.",
        "Family Help",
        "Fine if there is free parking.",
    ),
    (
        "Parent or carer",
        "Disagree",
        "My son waited 14 months for CAMHS. A new phone number won't fix that.",
        "The special needs team should stay specialist.",
        "No preference",
        "Please don't close Oak Street centre.",
    ),
]


def seed(demo: dict) -> None:
    survey = demo.get("surveys", {}).get("operating_model")
    if survey is None:
        return
    round_ = survey.rounds.get()
    q = list(survey.questions.order_by("sort_order"))
    random.seed(2026)
    for i in range(40):
        who, agree, door, taf, name, site = VIEWS[i % len(VIEWS)]
        answers = {
            str(q[0].pk): who,
            str(q[1].pk): random.sample(q[1].choices(), k=min(2, len(q[1].choices()))),
            str(q[2].pk): agree,
            str(q[3].pk): door,
            str(q[4].pk): random.choice(Question.FIXED_CHOICES[Question.Kind.YES_NO]),
            str(q[5].pk): taf,
            str(q[6].pk): name,
            str(q[7].pk): site,
            str(q[8].pk): str(random.randint(1, 5)),
        }
        answers = {k: v for k, v in answers.items() if v}
        staff = demo.get("users", {}).get("Staff")
        if i in ASSISTED and staff is not None:
            channel, language = ASSISTED[i]
            draft = start_assisted_draft(
                round_=round_, staff_user=staff, channel=channel, language=language
            )
            save_draft_answers(draft=draft, answers=answers)
        else:
            draft = Draft.objects.create(round=round_, answers=answers)
        submit_draft(draft_id=draft.pk)
    demo["responses"] = 40
