"""Collocations across a consultation: word pairs and triples that occur together
far more often than their words' frequencies predict ("car park", "front door",
"point of contact").

Counted over the answers' lemmas one sentence at a time, so a phrase never
spans two sentences or two answers, with NLTK's ``BigramCollocationFinder`` and
``TrigramCollocationFinder`` and ranked by likelihood ratio (default: steady on
the small counts a consultation gives) or pointwise mutual information.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from .text import AnalysedText

MEASURES = ("likelihood_ratio", "pmi")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# The stopwords that may join a triple's outer words: "point of contact",
# "noise at night", "care and support"; not "thank you all" or "staff be kind".
LINKS = frozenset("of for at in on to and with from by per".split())


@dataclass(frozen=True)
class Collocation:
    words: tuple[str, ...]
    count: int  # occurrences across the answers
    score: float  # by the measure asked for; higher is more strongly associated

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from nltk.corpus import stopwords as corpus

    return frozenset(corpus.words("english"))


def is_content_word(lemma: str) -> bool:
    """Has a letter, is longer than one character and is not a stopword."""
    return (
        lemma is not None
        and len(lemma) > 1
        and "'" not in lemma  # clitics: "n't", "'s"
        and bool(_LETTER.search(lemma))
        and lemma not in stopwords()
    )


def sentence_lemmas(analysed: AnalysedText) -> Iterator[list[str]]:
    """The answer's lemmas, one list per sentence (the pipeline lower-cases them)."""
    lemmas = analysed.lemmas
    start = 0
    for length in analysed.sentence_lengths or [len(lemmas)]:
        yield lemmas[start : start + length]
        start += length


def find_collocations(
    texts: Iterable[AnalysedText],
    *,
    sizes: tuple[int, ...] = (2, 3),
    min_count: int = 3,
    limit: int = 50,
    measure: str | None = None,
) -> list[Collocation]:
    """The ``limit`` strongest collocations of each size, seen ``min_count`` times.

    A bigram is two content words; a trigram is three, or two joined by one of
    ``LINKS`` ("point of contact"). The result interleaves the
    sizes by rank (best pair, best triple, second pair, ...); ties are broken
    alphabetically, so the same answers always give the same list.
    """
    if measure is not None and measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    documents = [s for a in texts for s in sentence_lemmas(a) if len(s) > 1]
    ranked = [
        _ranked(documents, size, min_count=min_count, limit=limit, measure=measure)
        for size in sizes
    ]
    out = []
    for rank in range(limit):
        out.extend(found[rank] for found in ranked if rank < len(found))
    return out


def _counts(documents: list[list[str]], size: int) -> tuple:
    """The frequency tables the finders' ``from_documents`` builds, counted in C.

    The same counts (words; adjacent pairs; for triples, also first-and-third
    pairs and the triples), five times faster on 100,000 answers.
    """
    from nltk.probability import FreqDist

    def count(*offsets):
        return FreqDist(
            Counter(
                chain.from_iterable(
                    zip(*(d[k:] for k in offsets), strict=False) for d in documents
                )
            )
        )

    words = FreqDist(Counter(chain.from_iterable(documents)))
    if size == 2:
        return words, count(0, 1)
    return words, count(0, 1), count(0, 2), count(0, 1, 2)


def _ranked(documents, size, *, min_count, limit, measure) -> list[Collocation]:
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    if size == 2:
        finder = BigramCollocationFinder(*_counts(documents, 2))
        finder.apply_freq_filter(min_count)
        finder.apply_word_filter(lambda w: not is_content_word(w))
        measures = BigramAssocMeasures
    elif size == 3:
        finder = TrigramCollocationFinder(*_counts(documents, 3))
        finder.apply_freq_filter(min_count)
        finder.apply_ngram_filter(
            lambda a, b, c: (
                not (
                    is_content_word(a)
                    and is_content_word(c)
                    and (b in LINKS or is_content_word(b))
                )
            )
        )
        measures = TrigramAssocMeasures
    else:
        raise ValueError("collocations are pairs (2) or triples (3)")
    if measure is None:
        measure = "likelihood_ratio" if size == 2 else "pmi"
    score = getattr(measures, measure)
    return [
        Collocation(words, finder.ngram_fd[words], round(value, 4))
        for words, value in finder.score_ngrams(score)[:limit]
    ]
