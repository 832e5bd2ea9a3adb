"""Codebook rules: which themes an answer signals, on lemmas, with the evidence.

A theme's signals are words or phrases ("front door", "single point of
contact", "rename*"). They are lemmatised with the same pipeline as answers, so
"renaming", "renamed" and "rename" all match "rename". A trailing ``*`` matches
any lemma starting with the stem. An exclusion anywhere in the answer rules the
theme out.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from .text import AnalysedText, analyse


@dataclass
class ThemeRule:
    key: str
    name: str
    description: str = ""
    signals: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    parent: str | None = None


@dataclass
class Match:
    theme: str
    score: float
    evidence: str


@lru_cache(maxsize=10_000)
def _pattern(phrase: str) -> tuple[str, ...]:
    """A signal phrase as lemmas; a final ``*`` is kept as a prefix marker."""
    phrase = phrase.strip().lower()
    wildcard = phrase.endswith("*")
    lemmas = [
        lemma
        for lemma in analyse(phrase.rstrip("*")).lemmas
        if any(c.isalnum() for c in lemma)
    ]
    if wildcard and lemmas:
        # The stem as typed, not lemmatised: "rename*" must stay "rename".
        lemmas[-1] = phrase.rstrip("*").split()[-1] + "*"
    return tuple(lemmas)


def _find(pattern: tuple[str, ...], lemmas: list[str], index=None) -> int | None:
    """The token index where ``pattern`` starts in ``lemmas``, or None.

    ``index`` (``_index(lemmas)``) makes it a look-up for the first lemma
    instead of a scan: an answer is checked against every signal of every theme.
    """
    if not pattern:
        return None
    index = index if index is not None else _index(lemmas)
    first = pattern[0]
    if first.endswith("*"):
        stem = first[:-1]
        starts = sorted(
            i for lemma, at in index.items() if lemma.startswith(stem) for i in at
        )
    else:
        starts = index.get(first, ())
    for i in starts:
        if i + len(pattern) <= len(lemmas) and all(
            _same(p, lemmas[i + k]) for k, p in enumerate(pattern[1:], start=1)
        ):
            return i
    return None


def _index(lemmas: list[str]) -> dict[str, list[int]]:
    """Each lemma's positions, in order."""
    index: dict[str, list[int]] = {}
    for i, lemma in enumerate(lemmas):
        index.setdefault(lemma, []).append(i)
    return index


def _same(pattern_lemma: str, lemma: str) -> bool:
    if pattern_lemma.endswith("*"):
        return lemma.startswith(pattern_lemma[:-1])
    return pattern_lemma == lemma


@dataclass
class RuleEvidence:
    """What a codebook says about one answer: its matches, the themes its
    exclusions rule out, and the signals found per theme (as written)."""

    matches: list[Match]
    excluded: set[str]
    signals: dict[str, list[str]]


def rule_evidence(analysed: AnalysedText, rules: list[ThemeRule]) -> RuleEvidence:
    """Every rule's verdict on the answer, in one pass over the lemmas.

    A match's score grows with the number of distinct signals found (one: 0.5,
    two: 0.75, ...), multi-word signals counting double since they are more
    specific. Its evidence is the sentence of the first signal found.
    """
    lemmas = [lemma.lower() for lemma in analysed.lemmas]
    index = _index(lemmas)
    matches, excluded, signals = [], set(), {}
    for rule in rules:
        if any(_find(_pattern(x), lemmas, index) is not None for x in rule.exclusions):
            excluded.add(rule.key)
            continue
        weight, first_at, found = 0, None, []
        for signal in rule.signals:
            pattern = _pattern(signal)
            at = _find(pattern, lemmas, index)
            if at is None:
                continue
            found.append(signal)
            weight += 2 if len(pattern) > 1 else 1
            first_at = at if first_at is None else min(first_at, at)
        if weight:
            score = round(1 - 0.5**weight, 4)
            matches.append(Match(rule.key, score, analysed.sentence_of(first_at)))
            signals[rule.key] = found
    matches.sort(key=lambda m: -m.score)
    return RuleEvidence(matches, excluded, signals)


def match_themes(analysed: AnalysedText, rules: list[ThemeRule]) -> list[Match]:
    """Themes whose signals occur in the answer (and no exclusion), strongest first."""
    return rule_evidence(analysed, rules).matches


def signals_found(analysed: AnalysedText, rule: ThemeRule) -> list[str]:
    """The rule's signals that occur in the answer, as written in the codebook.

    Stored with each assignment so that a theme's page can show which signals
    keep drawing rejected tags.
    """
    lemmas = [lemma.lower() for lemma in analysed.lemmas]
    index = _index(lemmas)
    return [s for s in rule.signals if _find(_pattern(s), lemmas, index) is not None]
