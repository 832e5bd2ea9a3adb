"""The sentence shown as evidence for a learnt tag (``learning.py``): the rule's
sentence when a rule fired, else the one with the words that tell the theme's
model yes."""

from .matching import Match
from .text import AnalysedText

# Words per theme used to pick the evidence sentence of a learnt tag.
TELLING_WORDS = 50


def _evidence(
    analysed: AnalysedText, rule_match: Match | None, telling: set[str]
) -> str:
    """The rule's sentence if a rule fired, else the sentence with the most of
    the words that tell the theme's model yes (``telling``), then the most
    charged: the sentence about the theme, not just the loudest one."""
    if rule_match:
        return rule_match.evidence
    if not analysed.sentences:
        return ""
    scored, start = [], 0
    for sentence, length in zip(
        analysed.sentences, analysed.sentence_lengths, strict=False
    ):
        lemmas = {x.lower() for x in analysed.lemmas[start : start + length]}
        scored.append((len(lemmas & telling), abs(sentence.sentiment), sentence.text))
        start += length
    return max(scored, key=lambda x: (x[0], x[1]))[2]


def _telling_words(vectoriser, model, top: int = TELLING_WORDS) -> set[str]:
    """The lemmas whose weight most pushes the model towards the theme."""
    names = vectoriser.words.feature_names_
    weights = model.coef_[0][: len(names)]
    ranked = sorted(
        (w, name[2:])
        for name, w in zip(names, weights, strict=True)
        if name.startswith("l:") and w > 0
    )
    return {lemma for _, lemma in ranked[-top:]}
