"""Grouping discovered terms: families of word forms, then stars around the
commonest family through WordNet and shared answers (see ``discovery.py``)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .collocations import is_content_word

# Alone these say nothing about what a theme is; as a head they don't group.
VAGUE_NOUNS = frozenset(
    """thing lot way time day bit kind sort one everything anything something
    nothing everyone anyone someone somebody people person part fact reason
    example number type couple year week month hour minute today tomorrow
    yesterday case matter question comment answer idea opinion view feedback
    help thank thanks thankyou yes ok xxxx""".split()
)
# Terms used together in at least this share of the answers using either.
COOCCURRENCE = 1 / 3
# Siblings in WordNet group only under a hypernym at least this deep: "bus" and
# "train" (public transport), not everything that is a "person".
SIBLING_DEPTH = 6


def group_terms(terms: list) -> list[list]:
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


def _families(terms: list) -> list[list[int]]:
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
    from .wordnet_loading import load_wordnet

    wordnet = load_wordnet()

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
