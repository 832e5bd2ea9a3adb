"""Demo page content, in StreamField's raw form. Plain English, as a council would write."""


def _rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


OPERATING_MODEL_BODY = [
    {"type": "heading", "value": {"text": "Why we want to change", "level": "h2"}},
    {
        "type": "paragraph",
        "value": _rich(
            "Families tell us they are passed from team to team and have to tell their "
            "story again and again. Help often comes only when things reach a crisis.",
            "Our vision is that every child and young person in the borough is safe, "
            "healthy and able to achieve, with help that comes early and from people who "
            "know them.",
        ),
    },
    {
        "type": "heading",
        "value": {"text": "The principles behind the vision", "level": "h2"},
    },
    {
        "type": "paragraph",
        "value": "<ul><li>Help early, before problems grow.</li>"
        "<li>One plan and one lead worker for each family.</li>"
        "<li>Families involved in decisions about their support and about our services.</li>"
        "<li>Services that work together and share information safely.</li>"
        "<li>Money spent where it makes the most difference.</li></ul>",
    },
    {
        "type": "key_components",
        "value": {
            "heading": "The seven key components",
            "components": [
                {
                    "title": "A single point of contact with a multi-agency access team",
                    "description": _rich(
                        "One front door for families and professionals: one number, one "
                        "online form, and a team of social workers, early help, health and "
                        "police staff who decide together what help is needed."
                    ),
                },
                {
                    "title": "Integrated support teams: Teams Around the Family",
                    "description": _rich(
                        "Early intervention workers, family support workers and partners "
                        "working in each locality, with one lead professional per family."
                    ),
                },
                {
                    "title": "Special needs services",
                    "description": _rich(
                        "Assessment, education health and care plans and specialist support "
                        "brought together so families deal with one team."
                    ),
                },
                {
                    "title": "Targeted services",
                    "description": _rich(
                        "Intensive support for families with more complex needs, stepping "
                        "up and down smoothly with Teams Around the Family."
                    ),
                },
                {
                    "title": "Quality assurance and commissioning",
                    "description": _rich(
                        "Checking that services make a difference, and buying services "
                        "from partners where they do it best."
                    ),
                },
                {
                    "title": "A new education strategy and school organisation model",
                    "description": _rich(
                        "Working with schools and academies on places, inclusion and "
                        "reducing exclusions."
                    ),
                },
                {
                    "title": "A business support model",
                    "description": _rich(
                        "Shared administration so that practitioners spend more time with "
                        "families and less on paperwork."
                    ),
                },
            ],
        },
    },
    {
        "type": "benefits",
        "value": {
            "caption": "Who benefits and how",
            "rows": [
                {
                    "group": "Children and families",
                    "benefits": "<ul><li>One place to ask for help</li><li>Tell your "
                    "story once</li><li>Help earlier, closer to home</li></ul>",
                },
                {
                    "group": "Staff",
                    "benefits": "<ul><li>Clear roles and one team around each family</li>"
                    "<li>Colleagues from other services close by</li><li>Less time on "
                    "paperwork</li></ul>",
                },
                {
                    "group": "The system",
                    "benefits": "<ul><li>Fewer referrals bounced between teams</li>"
                    "<li>Less duplication</li><li>Savings from shared buildings and "
                    "support</li></ul>",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Moving teams to one site", "level": "h2"}},
    {
        "type": "paragraph",
        "value": _rich(
            "We propose to bring the access team, targeted services and special needs "
            "services together at the Civic Centre. Teams Around the Family would keep "
            "working from children's centres and schools in each locality, so that "
            "families do not have to travel further for help."
        ),
    },
    {
        "type": "heading",
        "value": {"text": "A review period: checking we heard you", "level": "h2"},
    },
    {
        "type": "paragraph",
        "value": _rich(
            "After this consultation closes we will publish what we heard. Then, in a "
            "review period, we will go back to the people who responded and the families "
            "nominated by our services and ask: did we hear you right?"
        ),
    },
    {
        "type": "accordion",
        "value": {
            "heading": "Questions and answers",
            "items": [
                {
                    "question": "Will my family lose the support we have now?",
                    "answer": _rich(
                        "No. Families receiving support will keep their worker while the "
                        "new teams are set up, and we will tell you before anything changes."
                    ),
                },
                {
                    "question": "Is this about saving money?",
                    "answer": _rich(
                        "The council must save money, and this model costs less to run. "
                        "But the main reason is that families told us the current system is "
                        "hard to use."
                    ),
                },
                {
                    "question": "Can someone help me respond?",
                    "answer": _rich(
                        "Yes. Staff at any children's centre can help you respond, in "
                        "person, by phone, or with an interpreter."
                    ),
                },
            ],
        },
    },
]

STAFF_BODY = [
    {
        "type": "paragraph",
        "value": _rich(
            "This consultation is for staff in Children's Services and their trade union "
            "representatives. It sets out the proposed structure, the roles affected and "
            "the move of teams to one site.",
            "Sign in with your council account to respond. Your response goes to the "
            "project team; managers do not see individual responses.",
        ),
    },
    {
        "type": "accordion",
        "value": {
            "heading": "Questions and answers",
            "items": [
                {
                    "question": "How will roles change?",
                    "answer": _rich(
                        "Most roles move into Teams Around the Family or the access team. "
                        "Where roles change, you will be consulted individually."
                    ),
                },
                {
                    "question": "Have the trade unions been involved?",
                    "answer": _rich(
                        "Yes. We meet the recognised trade unions every two weeks."
                    ),
                },
            ],
        },
    },
]

TARGETED_BODY = [
    {
        "type": "paragraph",
        "value": _rich(
            "We are asking families who have worked with a Team Around the Family what "
            "went well and what we should change. If a service nominated you, you will "
            "have received a personal link by e-mail or text.",
        ),
    }
]

REVIEW_BODY = [
    {
        "type": "paragraph",
        "value": _rich(
            "For three months, families in the north locality had one number to "
            "ring for early help. We asked what worked and what did not."
        ),
    }
]

CLOSED_BODY = [
    {
        "type": "paragraph",
        "value": _rich(
            "Our children's centres opened 9am to 4pm on weekdays. We asked whether "
            "evening and Saturday sessions would help working parents."
        ),
    }
]

CLOSED_OUTCOME = {
    "we_asked": _rich("When should our children's centres be open?"),
    "you_said": _rich(
        "412 people responded. Most working parents asked for one late evening and a "
        "Saturday morning; many said stay and play sessions fill up too quickly."
    ),
    "we_did": _rich(
        "From September, every children's centre opens until 7pm on Wednesdays and "
        "9am to 12 noon on Saturdays, and we have doubled stay and play sessions."
    ),
}
