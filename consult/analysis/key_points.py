"""What people said about a theme, in their own words: its key points.

Extractive, never generated: each key point is a noun phrase many answers used
("two buses", "one phone number") with one sentence from those answers that
says it best, and how many answers used it. Points are:

- representative: phrases ranked by how many answers use them, and for each
  the sentence closest to what the theme's answers say overall (the most of
  their common words, in a sentence of readable length);
- diverse: a phrase whose answers are mostly those of a point already chosen
  adds nothing and is skipped, and no sentence is ever shown twice;
- safe: sentences are redacted (e-mail addresses, phone numbers, postcodes).

The sentiment split counts the theme's answers by their VADER sentiment.
Reads the stored analyses (no NLTK at request time): a fixed number of queries.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from .models import Codebook, ThemeAssignment
from .redaction import redact
from .text import AnalysedText

# VADER's usual cut-offs for calling a text positive or negative.
POSITIVE, NEGATIVE = 0.05, -0.05
# Two points whose answers overlap this much say the same thing.
MAX_OVERLAP = 0.6
MIN_WORDS, MAX_WORDS = 4, 40
SMALL_THEME = 10
MAX_ANSWERS = 2000  # the newest; enough to find what most people said
# Alone these make no point: "thing", "time", "service" in a service's survey.
VAGUE = frozenset(
    "thing lot way time day bit kind sort everything anything something nothing "
    "people person part fact reason example number problem issue".split()
)


@dataclass
class KeyPoint:
    phrase: str
    sentence: str
    answers: int


@dataclass
class SentimentSplit:
    positive: int = 0
    neutral: int = 0
    negative: int = 0


@dataclass
class ThemeKeyPoints:
    theme_key: str
    theme_name: str
    answers: int
    points: list[KeyPoint] = field(default_factory=list)
    sentiment: SentimentSplit = field(default_factory=SentimentSplit)


def key_points_for(
    *, consultation, theme_key: str, limit: int = 5, round_=None
) -> ThemeKeyPoints | None:
    """The theme's key points from the standing tags on current answers of
    responses not withdrawn (of ``round_`` only, if given); None if the
    consultation has no such theme. Read-only."""
    codebook = Codebook.objects.filter(consultation=consultation).first()
    theme = codebook.themes.filter(key=theme_key).first() if codebook else None
    if theme is None:
        return None
    tags = ThemeAssignment.objects.current().standing().filter(theme=theme)
    if round_ is not None:
        tags = tags.filter(answer__response__round=round_)
    rows = list(
        tags.exclude(answer__analysis__isnull=True)
        .order_by("-answer_id")
        .values_list("answer__analysis__features", "answer__analysis__sentiment")[
            :MAX_ANSWERS
        ]
    )
    analysed = [AnalysedText.from_dict(features) for features, _ in rows]
    result = ThemeKeyPoints(theme.key, theme.name, len(rows))
    for _, sentiment in rows:
        sentiment = sentiment or 0.0
        if sentiment >= POSITIVE:
            result.sentiment.positive += 1
        elif sentiment <= NEGATIVE:
            result.sentiment.negative += 1
        else:
            result.sentiment.neutral += 1
    result.points = extract_key_points(analysed, limit=limit)
    return result


def extract_key_points(analysed: list[AnalysedText], *, limit: int = 5):
    """Key points of a set of answers: see the module docstring."""
    sentences = [_sentences(a) for a in analysed]
    using: dict[str, set[int]] = {}
    written: dict[str, Counter] = {}
    for i, a in enumerate(analysed):
        lemmas = [x.lower() for x in a.lemmas]
        for phrase in set(a.noun_phrases):
            words = phrase.lower().split()
            if words and not (len(words) == 1 and words[0] in VAGUE):
                using.setdefault(phrase.lower(), set()).add(i)
                form = _as_written(words, lemmas, a.tokens)
                written.setdefault(phrase.lower(), Counter())[form] += 1
    common = Counter(
        lemma for a in analysed for lemma in set(a.content_lemmas) if lemma
    )
    # A phrase one person used is a point only in a theme of few answers.
    least = 1 if len(analysed) < SMALL_THEME else 2
    # Two-word phrases first when as common: "phone number" says more than "phone".
    ranked = sorted(
        (p for p, answers in using.items() if len(answers) >= least),
        key=lambda p: (-len(using[p]), -len(p.split()), p),
    )
    points, shown, covered = [], set(), []
    for phrase in ranked:
        if len(points) == limit:
            break
        answers = using[phrase]
        if any(_overlap(answers, other) > MAX_OVERLAP for other in covered):
            continue
        sentence = _best_sentence(phrase, answers, sentences, common, shown)
        if sentence is None:
            continue
        shown.add(_normal(sentence))
        covered.append(answers)
        form = min(written[phrase].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        points.append(KeyPoint(form, sentence, len(answers)))
    return points


def _as_written(words: list[str], lemmas: list[str], tokens: list[str]) -> str:
    """The phrase as the answer wrote it ("waiting list", not the lemmas "wait
    list"); the lemmas where it is not written in one piece."""
    n = len(words)
    for i in range(len(lemmas) - n + 1):
        if lemmas[i : i + n] == words:
            return " ".join(tokens[i : i + n]).lower()
    return " ".join(words)


def _sentences(a: AnalysedText) -> list[tuple[str, set[str]]]:
    """Each sentence's text with the lemmas in it."""
    out, start = [], 0
    for sentence, length in zip(a.sentences, a.sentence_lengths, strict=False):
        lemmas = {x.lower() for x in a.lemmas[start : start + length]}
        out.append((sentence.text, lemmas))
        start += length
    return out


def _best_sentence(phrase, answers, sentences, common, shown) -> str | None:
    words = set(phrase.split())
    best, best_score = None, 0.0
    for i in sorted(answers):
        for text, lemmas in sentences[i]:
            size = len(text.split())
            if not words <= lemmas or not MIN_WORDS <= size <= MAX_WORDS:
                continue
            if _normal(redact(text)) in shown:
                continue
            score = sum(math.log1p(common[x]) for x in lemmas) / math.sqrt(size)
            if score > best_score:
                best, best_score = text, score
    return redact(best) if best else None


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b))


def _normal(text: str) -> str:
    return " ".join(text.lower().split())
