"""The NLTK pipeline for free-text answers: one place that turns text into features.

Per answer: sentences (punkt_tab), Treebank-style word tokens, part-of-speech
tags (averaged perceptron), WordNet lemmas using the tag, content lemmas (no
stopwords or punctuation), noun phrases (the chunk grammar ``NOUN_PHRASE_GRAMMAR``,
applied by a scan over the tags) and VADER sentiment per sentence and for the
answer. Models load once per process, on first use; a missing resource raises
``MissingResource`` naming it.

Speed matters (100,000 answers must take minutes, not hours): the tagger does
work no cache can save, so everything around it is kept cheap. Lemmas are
cached per (word, tag), sentences are scored by ``sentiment.SentenceScorer``
(VADER's numbers without its per-sentence set-up) and noun phrases come from
``noun_phrase_spans``, which gives what NLTK's ``RegexpParser`` gives for the
grammar at a fraction of the cost (tests/consult/analysis/test_noun_phrases.py).
"""

import html
import re
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import nh3

from .resources import require_all

# Bump when the output for the same text changes, so stored analyses are redone.
PIPELINE_VERSION = "2"
# Distinct (word, tag) pairs whose lemma is kept: about 30 MB at most.
LEMMA_CACHE_SIZE = 100_000
# Longer answers are cut here (and flagged): a consultation answer past this is
# almost always pasted documents, and tagging cost grows with length.
MAX_CHARS = 5000

# The grammar ``noun_phrase_spans`` applies; the test proves they agree.
NOUN_PHRASE_GRAMMAR = r"""
NP: {<JJ.*|VBN|VBG>*<NN.*>+}
"""
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
# Penn Treebank-style word tokens in one pass: 23 times faster than NLTK's
# Treebank tokenizer on consultation-length sentences and the same tokens for
# 97% of them (it also splits "they/things"). The tagger was trained on these.
_TOKEN = re.compile(
    r"""
      [^\W\d_]+(?=n't\b)           # "do" in "don't", "ca" in "can't"
    | n't\b
    | '(?:s|re|ve|ll|d|m)\b        # clitics: 's 're 've 'll 'd 'm
    | (?:[^\W\d_]\.){2,}          # abbreviations: i.e. e.g.
    | \d+(?:[.,:/]\d+)*            # numbers, times, dates
    | \w+(?:-\w+)*                 # words, hyphenated words
    | \.\.\.|--|[^\w\s]            # punctuation
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


@dataclass
class Sentence:
    text: str
    sentiment: float  # VADER compound, -1 to 1


@dataclass
class AnalysedText:
    tokens: list[str] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    content_lemmas: list[str] = field(default_factory=list)
    noun_phrases: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Tokens in each sentence, so that positions in ``lemmas`` map to a sentence.
    sentence_lengths: list[int] = field(default_factory=list)
    sentiment: float = 0.0
    truncated: bool = False
    language_ok: bool = True

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "AnalysedText":
        data = dict(data)
        data["tags"] = [tuple(t) for t in data.get("tags", [])]
        data["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        return cls(**data)

    def sentence_of(self, token_index: int) -> str:
        """The text of the sentence holding the token at ``token_index``."""
        end = 0
        for sentence, length in zip(
            self.sentences, self.sentence_lengths, strict=False
        ):
            end += length
            if token_index < end:
                return sentence.text
        return self.sentences[-1].text if self.sentences else ""


class _Models:
    """The loaded NLTK models. Built once per process (see ``models()``)."""

    def __init__(self):
        require_all()
        # Imported here so that importing this module stays cheap.
        from nltk.corpus import stopwords
        from nltk.stem import WordNetLemmatizer
        from nltk.tag.perceptron import PerceptronTagger
        from nltk.tokenize import PunktTokenizer

        from .sentiment import SentenceScorer
        from .wordnet_loading import load_wordnet

        self.sentences = PunktTokenizer("english")
        self.tagger = PerceptronTagger()
        self.stopwords = frozenset(stopwords.words("english"))
        self.sentiment = SentenceScorer()
        load_wordnet()
        lemmatize = WordNetLemmatizer().lemmatize
        stop = self.stopwords

        @lru_cache(maxsize=LEMMA_CACHE_SIZE)
        def lemma(word: str, tag: str) -> tuple[str, bool, bool]:
            """The lemma of a tagged word, whether it is a word, whether a stopword."""
            lemma = word
            if _WORD.search(word):
                lemma = lemmatize(word.lower(), _wordnet_pos(tag))
            is_word = _WORD.search(lemma) is not None
            return lemma, is_word, lemma in stop

        self.lemma = lemma


_models: _Models | None = None
_lock = threading.Lock()


def models() -> _Models:
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = _Models()
    return _models


def _wordnet_pos(tag: str) -> str:
    return {"J": "a", "V": "v", "R": "r"}.get(tag[:1], "n")


def clean(text: str) -> tuple[str, bool]:
    """Strip markup, unescape entities, fold white space, cut to MAX_CHARS."""
    text = text or ""
    if "<" in text:
        text = nh3.clean(text, tags=set())
    text = _SPACE.sub(" ", html.unescape(text)).strip()
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS].rsplit(" ", 1)[0], True
    return text, False


def _looks_english(words: list[str], stopwords: frozenset) -> bool:
    """A cheap guess: mostly Latin letters, and some English function words.

    Short answers ("Nothing.") carry too little to judge, so they pass.
    """
    if len(words) < 5:
        return True
    latin = sum(w.isascii() for w in words) / len(words)
    function_words = sum(w in stopwords for w in words) / len(words)
    return latin >= 0.7 and function_words >= 0.12


def analyse(text: str) -> AnalysedText:
    return analyse_many([text])[0]


def analyse_many(texts: Iterable[str]) -> list[AnalysedText]:
    """Analyse texts. Never raises on empty, emoji-only, HTML or very long text."""
    m = models()
    return [_analyse_one(text, m) for text in texts]


def _analyse_one(text: str, m: _Models) -> AnalysedText:
    cleaned, truncated = clean(text)
    result = AnalysedText(truncated=truncated)
    if not cleaned:
        return result
    lemma = m.lemma
    content, words = result.content_lemmas, []
    for sentence_text in m.sentences.tokenize(cleaned):
        tokens = _TOKEN.findall(sentence_text)
        if not tokens:
            continue
        tagged = m.tagger.tag(tokens)
        known = [lemma(word, tag) for word, tag in tagged]
        lemmas = [k[0] for k in known]
        for word, is_word, is_stop in known:
            if is_word:
                words.append(word)
                if len(word) > 1 and not is_stop:
                    content.append(word)
        result.tokens.extend(tokens)
        result.tags.extend(tagged)
        result.lemmas.extend(lemmas)
        result.sentence_lengths.append(len(tokens))
        result.sentences.append(
            Sentence(sentence_text, m.sentiment.compound(sentence_text))
        )
        for start, end in noun_phrase_spans([tag for _, tag in tagged]):
            phrase = [k[0] for k in known[start:end] if k[1] and not k[2]]
            if phrase:
                result.noun_phrases.append(" ".join(phrase))
    if result.sentences:
        # The answer's sentiment is the mean of its sentences': one VADER pass, not two.
        result.sentiment = round(
            sum(s.sentiment for s in result.sentences) / len(result.sentences), 4
        )
    result.language_ok = _looks_english(words, m.stopwords)
    return result


def _is_modifier(tag: str) -> bool:
    return tag.startswith("JJ") or tag == "VBN" or tag == "VBG"


def noun_phrase_spans(tags: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each noun phrase in ``NOUN_PHRASE_GRAMMAR``, left to right.

    What ``RegexpParser`` does with that grammar: at the leftmost position where
    it can, take every modifier (JJ*, VBN, VBG) and then every noun (NN*) that
    follows, if there is at least one noun; carry on after it. Modifiers and
    nouns share no tag, so when the modifiers from a position are not followed
    by a noun, no phrase starts at any of them and the scan moves past them.
    """
    spans = []
    i, n = 0, len(tags)
    while i < n:
        j = i
        while j < n and _is_modifier(tags[j]):
            j += 1
        k = j
        while k < n and tags[k].startswith("NN"):
            k += 1
        if k > j:
            spans.append((i, k))
            i = k
        else:
            i = j + 1
    return spans
