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
from .matching import ThemeRule, _find, _pattern
from .redaction import redact
from .text import AnalysedText

# Alone these say nothing about what a theme is; as a head they don't group.
VAGUE_NOUNS = frozenset(
    """thing lot way time day bit kind sort one everything anything something
    nothing everyone anyone someone somebody people person part fact reason
    example number type couple year week month hour minute today tomorrow
    yesterday case matter question comment answer idea opinion view feedback
    help thank thanks thankyou yes ok xxxx""".split()
)
MAX_TERM_WORDS = 3
# A collocation starts as noun phrases do: "car park", "long wait", "waiting list".
MODIFIER_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS VBG VBN".split())
# Terms used together in at least this share of the answers using either.
COOCCURRENCE = 1 / 3
# Siblings in WordNet group only under a hypernym at least this deep: "bus" and
# "train" (public transport), not everything that is a "person".
SIBLING_DEPTH = 6
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
class CandidateTheme:
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
) -> list[CandidateTheme]:
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
    groups = _group(terms)
    candidates = []
    for group in groups:
        answers = sorted({i for t in group for i in t.answers})
        if len(answers) < min_answers:
            continue
        top = group[:phrases_per_theme]
        candidates.append(
            CandidateTheme(
                label=top[0].text,
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
    from nltk.corpus import wordnet

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


def _group(terms: list[_Term]) -> list[list[_Term]]:
    """Groups of related terms (see the module docstring), each best first.

    Words join first: the same head, the same WordNet synset, a single word
    and the compounds it modifies. Then the families of words form stars:
    the family with the most answers takes every family below it in WordNet,
    beside it under a specific parent, or written in the same answers. Stars,
    because chains ("problem" to "condition" to "illness" to "patient") would
    join half a consultation into one group.
    """
    families = _families(terms)
    answers = [set().union(*(terms[i].answers for i in f)) for f in families]
    order = sorted(
        range(len(families)), key=lambda f: (-len(answers[f]), families[f][0])
    )
    rank = {f: r for r, f in enumerate(order)}
    family_of = {i: f for f, members in enumerate(families) for i in members}
    index: dict[str, set[int]] = defaultdict(set)
    for i, term in enumerate(terms):
        related = _wordnet(term.words)
        for key in (
            *(f"synset:{s}" for s in related.synsets),
            *(f"below:{s}" for s in related.ancestors),
            *(f"sibling:{s}" for s in related.siblings),
        ):
            index[key].add(family_of[i])
    together = _cooccurring(answers)
    grouped: set[int] = set()
    groups = []
    for seed in order:
        if seed in grouped:
            continue
        related = set(together.get(seed, ()))
        for i in families[seed]:
            wordnet = _wordnet(terms[i].words)
            for key in (
                *(f"below:{s}" for s in wordnet.synsets),
                *(f"synset:{s}" for s in wordnet.ancestors),
                *(f"sibling:{s}" for s in wordnet.siblings),
            ):
                related.update(index.get(key, ()))
        members = [seed] + sorted(related - grouped - {seed}, key=rank.get)
        grouped.update(members)
        # The seed family's best term first: it names the group.
        group = sorted(families[seed]) + sorted(
            i for f in members[1:] for i in families[f]
        )
        groups.append([terms[i] for i in group])
    return groups


def _families(terms: list[_Term]) -> list[list[int]]:
    """Terms that are forms of one another, by union-find: the same head
    ("car park", "park"), the same first WordNet sense ("toilet", "lavatory"),
    or a word that modifies the compound in one of WordNet's names for it
    ("parking" with "car park", WordNet's parking_lot, and "parking space"; not
    "car park" with "car seat", which WordNet lacks)."""
    parent = list(range(len(terms)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    single = {t.head: i for i, t in enumerate(terms) if len(t.words) == 1}
    first_with: dict[str, int] = {}
    for i, term in enumerate(terms):
        related = _wordnet(term.words)
        keys = [f"synset:{related.first}"] if related.first else []
        if term.head not in VAGUE_NOUNS:
            keys.append(f"head:{term.head}")
        for modifier in sorted(related.modifiers):
            if modifier in single:
                keys.append(f"head:{modifier}")
        for key in keys:
            other = first_with.setdefault(key, i)
            a, b = root(i), root(other)
            parent[max(a, b)] = min(a, b)
    families: dict[int, list[int]] = defaultdict(list)
    for i in range(len(terms)):
        families[root(i)].append(i)
    return list(families.values())


def _cooccurring(answers: list[set[int]]) -> dict[int, set[int]]:
    """For each family, the families written in the same answers as it, mostly."""
    families_of: dict[int, list[int]] = defaultdict(list)
    for f, used in enumerate(answers):
        for answer in used:
            families_of[answer].append(f)
    both: Counter = Counter()
    for used in families_of.values():
        for x, f in enumerate(used):
            for g in used[x + 1 :]:
                both[f, g] += 1
    out: dict[int, set[int]] = defaultdict(set)
    for (f, g), count in both.items():
        either = len(answers[f]) + len(answers[g]) - count
        if count >= 2 and count / either >= COOCCURRENCE:
            out[f].add(g)
            out[g].add(f)
    return out


@dataclass(frozen=True)
class _Related:
    first: str | None  # its first sense
    synsets: frozenset[str]  # its first two senses
    siblings: frozenset[str]  # its first sense's parent, if specific enough
    ancestors: frozenset[str]  # hypernyms within two steps
    modifiers: frozenset[str]  # "parking" from car park's "parking_lot"


@lru_cache(maxsize=100_000)
def _wordnet(words: tuple[str, ...]) -> _Related:
    """What WordNet says relates this term to others, from its first two senses."""
    from nltk.corpus import wordnet

    synsets, siblings, ancestors, modifiers = set(), set(), set(), set()
    found = wordnet.synsets("_".join(words), pos="n")[:2]
    compound = len(words) > 1 and bool(found)
    if not found and words[-1] not in VAGUE_NOUNS:
        # A compound WordNet lacks is a kind of its head.
        found = wordnet.synsets(words[-1], pos="n")[:2]
    for rank, synset in enumerate(found):
        synsets.add(synset.name())
        if compound:  # its names' modifiers: car park is parking_lot
            for lemma in synset.lemma_names():
                modifiers.update(
                    w for w in lemma.lower().split("_")[:-1] if is_content_word(w)
                )
        for parent in synset.hypernyms():
            ancestors.add(parent.name())
            ancestors.update(p.name() for p in parent.hypernyms())
            if rank == 0 and parent.min_depth() >= SIBLING_DEPTH:
                siblings.add(parent.name())
    return _Related(
        found[0].name() if found else None,
        *map(frozenset, (synsets, siblings, ancestors, modifiers)),
    )


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
