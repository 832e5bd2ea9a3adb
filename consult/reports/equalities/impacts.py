"""What people said about equality impacts: a built-in equalities codebook,
applied to every free-text answer through the analysis matching (the same
lemmas, wildcards and exclusions as theme codebooks), so that officers see the
impacts people raised even when they skipped the monitoring form.

Counts under the threshold show "fewer than 10", and such an impact gets no
quotes: a few words about a rare condition can identify someone.
"""

from dataclasses import dataclass, field

from consult.analysis.matching import ThemeRule, match_themes
from consult.analysis.models import AnswerAnalysis
from consult.analysis.redaction import redact
from consult.analysis.text import PIPELINE_VERSION, AnalysedText, analyse_many
from surveys.models import Answer

from .disclosure import Figure, threshold

QUOTES_PER_IMPACT = 3
QUOTE_LENGTH = 300


def _rule(key, name, signals, exclusions=()):
    return ThemeRule(
        key=key,
        name=name,
        signals=[s.strip() for s in signals.split(";") if s.strip()],
        exclusions=list(exclusions),
    )


CODEBOOK = [
    _rule("disability", "Disability", "disab*; wheelchair; step-free; step free; "
          "accessible; accessibility; deaf; blind; autis*; learning difficult*; "
          "mobility; hearing aid; sight; impairment; sign language; BSL; easy read; "
          "mental health condition; ramp; lift"),
    _rule("race", "Race", "race; racis*; ethnic*; black; asian; traveller; gypsy; "
          "roma; migrant; refugee; asylum; skin colour"),
    _rule("religion", "Religion or belief", "religio*; faith; church; mosque; "
          "temple; synagogue; gurdwara; muslim; christian; jewish; hindu; sikh; "
          "prayer; halal; ramadan"),
    _rule("age", "Age", "older people; elderly; pensioner*; old age; retire*; "
          "teenager*; young people; young person; age group; too old; too young"),
    _rule("sex", "Sex", "woman; women; female; sexism; sexist; domestic abuse; "
          "domestic violence; single mother; single mum; lone parent; single father"),
    _rule("pregnancy", "Pregnancy and maternity", "pregnan*; maternity; new baby; "
          "newborn; breastfe*; antenatal; postnatal; expecting a baby"),
    _rule("sexual-orientation", "Sexual orientation", "gay; lesbian; bisexual; "
          "LGBT*; same-sex; same sex; homophob*; queer"),
    _rule("gender-reassignment", "Gender reassignment", "transgender; trans people; "
          "trans young; gender identity; non-binary; nonbinary; gender reassignment; "
          "transphob*"),
    _rule("caring", "Caring", "carer; carers; caring for; care for; look after my; "
          "looking after my; unpaid care; young carer"),
    _rule("low-income", "Low income", "low income; poverty; afford*; cost of living; "
          "benefit; universal credit; free school meal*; food bank; bus fare; debt; "
          "can't pay; cannot pay; money is tight"),
    _rule("language", "Language", "interpreter; translat*; english is not; first "
          "language; speak english; my english; language; polish; urdu; arabic; "
          "bengali; romanian; punjabi"),
]  # fmt: skip


@dataclass
class Impact:
    key: str
    name: str
    answers: Figure
    quotes: list[str] = field(default_factory=list)


def _analysed(answers: list) -> dict[int, AnalysedText]:
    """Stored analyses where current (read only), the rest analysed now."""
    stored = {
        a.answer_id: a
        for a in AnswerAnalysis.objects.filter(answer__in=[x.pk for x in answers])
    }
    result, missing = {}, []
    for answer in answers:
        analysis = stored.get(answer.pk)
        if analysis and analysis.is_current_for(answer.text, PIPELINE_VERSION):
            result[answer.pk] = AnalysedText.from_dict(analysis.features)
        else:
            missing.append(answer)
    if missing:
        fresh = analyse_many(a.text for a in missing)
        result.update(zip((a.pk for a in missing), fresh, strict=True))
    return result


def equality_impacts(consultation) -> list[Impact]:
    """Each impact in the equalities codebook: how many answers raised it, and
    up to three redacted sentences for those raised by enough people."""
    answers = list(
        Answer.objects.current()
        .free_text()
        .filter(response__round__consultation=consultation)
        .order_by("response__submitted_at", "pk")
    )
    found = {rule.key: [] for rule in CODEBOOK}
    for answer_id, analysed in _analysed(answers).items():
        for match in match_themes(analysed, CODEBOOK):
            found[match.theme].append((answer_id, match.evidence))
    limit = threshold()
    impacts = []
    for rule in CODEBOOK:
        hits = found[rule.key]
        count = len(hits)
        figure = Figure(count, "" if count >= limit else "small", limit)
        quotes = [] if figure.hidden else _quotes(hits)
        impacts.append(Impact(rule.key, rule.name, figure, quotes))
    return impacts


def _quotes(hits) -> list[str]:
    quotes, seen = [], set()
    for _, evidence in hits:
        quote = redact(" ".join(evidence.split()))
        if len(quote) > QUOTE_LENGTH:
            quote = quote[: QUOTE_LENGTH - 1].rstrip() + "…"
        if quote and quote not in seen:
            seen.add(quote)
            quotes.append(quote)
        if len(quotes) == QUOTES_PER_IMPACT:
            break
    return quotes
