"""Theme discovery: what many people wrote about that the codebook has no theme for.

From a consultation's analysed answers, proposes candidate themes for officers
to accept, rename, merge or dismiss:

1. Terms: noun phrases reduced to their nouns ("the new car park" gives "car
   park"), plus the consultation's collocations that end in a noun ("single
   point of contact"). Vague nouns ("thing", "lot", "time") alone are no term.
2. Uncovered: a term that contains any codebook signal is already a theme's.
   Terms in fewer than ``min_phrase_answers`` answers are dropped.
3. Grouped, in two steps. Families of words first (transitively): the same
   head noun ("car park", "park"), the same first WordNet sense ("toilet",
   "lavatory"), or a word modifying one of WordNet's names for a compound
   ("parking" and "car park", WordNet's parking_lot). Then stars: the family
   with the most answers takes the families WordNet puts within two steps
   below or above it ("employee" under "worker"), beside it under a specific
   parent ("bus", "train"), or that are mostly written in the same answers.
   Stars, not chains: "problem" to "condition" to "illness" to "patient"
   would join half a consultation into one group.
4. Each group gets its top phrases, the number of answers it covers and a few
   quotes: the sentence that used the term, redacted, preferring answers no
   codebook theme matched.

Deterministic (ties broken by text) and plain data in, plain data out.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .collocations import find_collocations, is_content_word
from .grouping import VAGUE_NOUNS, group_terms
from .matching import ThemeRule, _find, _pattern
from .redaction import redact
from .text import AnalysedText

MAX_TERM_WORDS = 3
# A collocation starts as noun phrases do: "car park", "long wait", "waiting list".
MODIFIER_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS VBG VBN".split())
QUOTE_CHARS = 300


@dataclass(frozen=True)
class Phrase:
    text: str
    answers: int


@dataclass(frozen=True)
class Quote:
    answer: Hashable
    text: str


@dataclass
class DiscoveredTheme:
    label: str
    phrases: list[Phrase]
    answer_count: int
    quotes: list[Quote] = field(default_factory=list)
    answers: list[Hashable] = field(default_factory=list)


@dataclass
class _Term:
    words: tuple[str, ...]
    answers: list[int] = field(default_factory=list)
    # (answer index, token index) of each answer's first use, for quotes.
    first_use: list[tuple[int, int]] = field(default_factory=list)
    # As people wrote it, lemmatised but keeping capitals: "NHS", not "nh".
    forms: Counter = field(default_factory=Counter)

    @property
    def text(self) -> str:
        if not self.forms:
            return " ".join(self.words)
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    @property
    def head(self) -> str:
        return self.words[-1]


def discover_themes(
    analysed: Sequence[AnalysedText],
    rules: Sequence[ThemeRule],
    *,
    ids: Sequence[Hashable] | None = None,
    min_answers: int = 5,
    min_phrase_answers: int = 2,
    limit: int = 20,
    phrases_per_theme: int = 5,
    quotes_per_theme: int = 3,
) -> list[DiscoveredTheme]:
    """Candidate themes of at least ``min_answers`` answers, the most first,
    from phrases each used in at least ``min_phrase_answers``. ``ids`` name the
    answers in quotes and ``answers`` (default: their positions)."""
    ids = list(range(len(analysed))) if ids is None else list(ids)
    collocations = {
        c.words
        for c in find_collocations(
            analysed, min_count=max(min_phrase_answers, 2), limit=200
        )
        if c.words[-1] not in VAGUE_NOUNS
    }
    terms = _terms(analysed, collocations)
    signals = _Signals(rules)
    terms = sorted(
        (
            t
            for t in terms.values()
            if len(t.answers) >= min_phrase_answers and not signals.occur_in(t.words)
        ),
        # Equally used, the longer phrase names a group better: "waiting list"
        # rather than "list" when every list is a waiting list.
        key=lambda t: (-len(t.answers), -len(t.words), t.text),
    )
    groups = group_terms(terms)
    candidates = []
    for group in groups:
        answers = sorted({i for t in group for i in t.answers})
        if len(answers) < min_answers:
            continue
        label = _label(group, answers, analysed)
        if label is None:
            continue
        top = group[:phrases_per_theme]
        candidates.append(
            DiscoveredTheme(
                label=label,
                phrases=[Phrase(t.text, len(t.answers)) for t in top],
                answer_count=len(answers),
                quotes=_quotes(group, analysed, ids, signals, quotes_per_theme),
                answers=[ids[i] for i in answers],
            )
        )
    candidates.sort(key=lambda c: (-c.answer_count, c.label))
    return candidates[:limit]


def _terms(analysed, collocations) -> dict[tuple[str, ...], _Term]:
    """Every term, with the answers that use it, in one pass over the tags."""
    terms: dict[tuple[str, ...], _Term] = {}
    longest = max((len(c) for c in collocations), default=0)
    starts = {c[0] for c in collocations}
    for index, a in enumerate(analysed):
        seen = set()
        lemmas = a.lemmas  # lower-cased by the pipeline
        for span in _answer_terms(a, lemmas, collocations, starts, longest):
            words = tuple(lemmas[j] for j in span)
            term = terms.get(words)
            if term is None:
                term = terms[words] = _Term(words)
            term.forms[_form(a, lemmas, span)] += 1
            if words not in seen:
                seen.add(words)
                term.answers.append(index)
                term.first_use.append((index, span[0]))
    return terms


def _form(a: AnalysedText, lemmas: list[str], span) -> str:
    """The phrase as written, but singular ("car park", "waiting list", "NHS")."""
    last = span[-1]
    return " ".join(
        a.tokens[j]
        if len(a.tokens[j]) > 1 and a.tokens[j].isupper()
        else (lemmas[j] if j == last else a.tokens[j].lower())
        for j in span
    )


def _answer_terms(a: AnalysedText, lemmas, collocations, starts, longest):
    """Token index ranges of the answer's noun compounds and collocations,
    sentence by sentence."""
    start = 0
    for length in a.sentence_lengths:
        end = start + length
        run: list[int] = []
        for i in range(start, end + 1):
            if i < end and a.tags[i][1].startswith("NN") and _is_noun(lemmas[i]):
                run.append(i)
                continue
            if run:
                span = run[-MAX_TERM_WORDS:]
                if len(span) > 1 or lemmas[span[0]] not in VAGUE_NOUNS:
                    yield span
                run = []
        for i in range(start, end - 1):
            if lemmas[i] not in starts or a.tags[i][1] not in MODIFIER_TAGS:
                continue
            for size in range(2, min(longest, end - i) + 1):
                if tuple(lemmas[i : i + size]) in collocations and a.tags[i + size - 1][
                    1
                ].startswith("NN"):
                    yield range(i, i + size)
        start = end


@lru_cache(maxsize=100_000)
def _is_noun(lemma: str) -> bool:
    """A content word the tagger called a noun that WordNet doesn't deny is one.

    The tagger calls capitalised one-word answers ("Brilliant.", "Always")
    proper nouns; WordNet knows them, but not as nouns. Words it doesn't know
    ("physio", "CAMHS") pass.
    """
    from .wordnet_loading import load_wordnet

    wordnet = load_wordnet()

    if not is_content_word(lemma):
        return False
    return bool(wordnet.synsets(lemma, pos="n")) or not wordnet.synsets(lemma)


class _Signals:
    """The codebook's signals, indexed by first lemma so that finding any of
    them in an answer costs one look-up per token, not one scan per signal."""

    def __init__(self, rules: Sequence[ThemeRule]):
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.wildcards: list[tuple[str, ...]] = []
        patterns = set()
        for rule in rules:
            for signal in filter(str.strip, rule.signals):
                patterns.add(_pattern(signal))
                # As typed too: alone, "caring" lemmatises as the verb "care",
                # but in answers the tagger often calls it a noun.
                patterns.add(tuple(signal.lower().split()))
        for pattern in sorted(filter(None, patterns)):
            if pattern[0].endswith("*"):
                self.wildcards.append(pattern)
            else:
                self.by_first[pattern[0]].append(pattern)

    def occur_in(self, lemmas: Sequence[str]) -> bool:
        lemmas = list(lemmas)
        for i, lemma in enumerate(lemmas):
            for pattern in self.by_first.get(lemma, ()):
                if _find(pattern, lemmas[i : i + len(pattern)]) is not None:
                    return True
        return any(_find(p, lemmas) is not None for p in self.wildcards)


def _label(group, answers, analysed) -> str | None:
    """What to call a group: its commonest phrase of two words or more ("car
    park", "support worker"), else the commonest noun phrase of two words or
    more around its head ("long wait"), else a proper noun ("NHS"). Never a lone
    common noun ("son", "evening"): that names nothing an officer can act on."""
    for term in group:
        if len(term.words) > 1:
            return term.text
    heads = {term.head for term in group}
    phrases = Counter(
        phrase
        for i in answers
        for phrase in set(analysed[i].noun_phrases)
        if len(phrase.split()) > 1 and phrase.split()[-1].lower() in heads
    )
    if phrases:
        return min(phrases.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    top = group[0].text
    return top if top[:1].isupper() else None


def _quotes(group, analysed, ids, signals, limit) -> list[Quote]:
    """Evidence sentences, from answers the codebook missed where there are any."""
    uses = sorted(use for term in group for use in term.first_use)
    firsts: dict[int, int] = {}
    for index, at in uses:
        firsts.setdefault(index, at)
    chosen, fallback, texts = [], [], set()
    for checked, (index, at) in enumerate(firsts.items()):
        if len(chosen) == limit or checked >= 10 * limit:
            break
        text = redact(analysed[index].sentence_of(at))[:QUOTE_CHARS]
        if text in texts:
            continue
        texts.add(text)
        quote = Quote(ids[index], text)
        if signals.occur_in(analysed[index].lemmas):
            fallback.append(quote)
        else:
            chosen.append(quote)
    return (chosen + fallback)[:limit]
