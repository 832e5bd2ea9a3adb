"""Consultations with crafted responses and theme tags for report tests.

Tags and sentiment are written directly (no NLTK), so that each test knows
exactly which response raises which theme with which sentiment.
"""

import itertools
import random
from dataclasses import dataclass, field

from consult.analysis.models import AnswerAnalysis, ThemeAssignment, text_hash
from consult.analysis.services import replace_codebook
from surveys.models import Answer, Question, Response
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import RULES
from tests.surveys.factories import SurveyFactory, question

K = Question.Kind
_refs = itertools.count(1)
SERVICES = ["Centres", "Schools", "Family hub"]
TYPES = Question.FIXED_CHOICES[K.RESPONDENT_TYPE]
AGREE = Question.FIXED_CHOICES[K.AGREE_SCALE]
PLACES = ["Library", "School", "Online"]
THEMES = [rule.key for rule in RULES]


@dataclass
class World:
    round: object
    q: dict
    codebook: object
    themes: dict
    responses: list = field(default_factory=list)

    @property
    def consultation(self):
        return self.round.consultation


def report_world(**round_kwargs) -> World:
    """A round whose survey asks every kind of closed question and one free text."""
    survey = SurveyFactory()
    q = {
        "who": question(survey, K.RESPONDENT_TYPE, "Which best describes you?"),
        "services": question(
            survey,
            K.SERVICES,
            "Which services do you use?",
            options="\n".join(SERVICES),
            order=1,
        ),
        "agree": question(
            survey, K.AGREE_SCALE, "Do you agree with one front door?", order=2
        ),
        "where": question(
            survey,
            K.SINGLE_CHOICE,
            "Where should it be?",
            options="\n".join(PLACES),
            order=3,
        ),
        "rank": question(
            survey, K.RANKING, "Rank these places", options="\n".join(PLACES), order=4
        ),
        "views": question(survey, K.LONG_TEXT, "What do you think?", order=5),
    }
    round_ = RoundFactory(survey=survey, **round_kwargs)
    codebook = replace_codebook(consultation=round_.consultation, rules=RULES)
    themes = {t.key: t for t in codebook.themes.all()}
    return World(round_, q, codebook, themes)


def respond(
    world: World,
    *,
    who=None,
    services=(),
    agree=None,
    where=None,
    rank=None,
    text="",
    themes=None,
    channel="online",
    round_=None,
) -> Response:
    """One response; ``themes`` maps a theme key to the answer's sentiment."""
    response = Response.objects.create(
        round=round_ or world.round, reference=f"R{next(_refs):07}", channel=channel
    )
    _answers(world, response, 1, who, services, agree, where, rank, text, themes)
    world.responses.append(response)
    return response


def change(world: World, response: Response, **answers) -> None:
    """A new version of the response: the old answers stop counting."""
    response.version += 1
    response.save()
    Answer.objects.filter(response=response).update(is_current=False)
    _answers(world, response, response.version, **answers)


def _answers(
    world,
    response,
    version,
    who=None,
    services=(),
    agree=None,
    where=None,
    rank=None,
    text="",
    themes=None,
):
    q = world.q
    values = {
        "who": [who] if who else None,
        "services": list(services) or None,
        "agree": [agree] if agree else None,
        "where": [where] if where else None,
        "rank": list(rank) if rank else None,
    }
    for key, value in values.items():
        if value:
            Answer.objects.create(
                response=response, question=q[key], value=value, version=version
            )
    if not text:
        return
    answer = Answer.objects.create(
        response=response, question=q["views"], value=[text], text=text, version=version
    )
    scores = list((themes or {}).values())
    AnswerAnalysis.objects.create(
        answer=answer,
        consultation=world.consultation,
        text_hash=text_hash(text),
        pipeline_version="test",
        sentiment=sum(scores) / len(scores) if scores else 0.0,
    )
    for key in themes or {}:
        ThemeAssignment.objects.create(
            answer=answer,
            theme=world.themes[key],
            consultation=world.consultation,
            score=0.5,
            evidence=text,
        )


def random_world(n: int, *, seed: int) -> World:
    """``n`` varied responses, some later changed or withdrawn."""
    rng = random.Random(seed)
    world = report_world()
    for i in range(n):
        chosen = {k: rng.choice([-0.6, 0.0, 0.7]) for k in THEMES if rng.random() < 0.4}
        response = respond(
            world,
            who=rng.choice([*TYPES, None]),
            services=rng.sample(SERVICES, rng.randint(0, 2)),
            agree=rng.choice([*AGREE, None]),
            where=rng.choice(PLACES),
            rank=rng.sample(PLACES, 3) if rng.random() < 0.7 else None,
            text=f"Answer number {i} about things"
            if chosen or rng.random() < 0.3
            else "",
            themes=chosen,
            channel=rng.choice(["online", "online", "phone", "in_person", "imported"]),
        )
        if rng.random() < 0.1:
            response.withdrawn_at = response.submitted_at
            response.save()
        elif rng.random() < 0.1:
            change(
                world,
                response,
                who=rng.choice(TYPES),
                where=rng.choice(PLACES),
                text="Changed my mind",
                themes={THEMES[0]: 0.7},
            )
    return world
