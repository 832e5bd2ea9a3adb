"""The NLTK pipeline for free-text answers: one place that turns text into features.

Per answer: sentences (punkt_tab), Treebank-style word tokens, part-of-speech
tags (averaged perceptron), WordNet lemmas using the tag, content lemmas (no
stopwords or punctuation), noun phrases (a RegexpParser grammar over the tags) and VADER
sentiment per sentence and for the answer. Models load once per process, on
first use; a missing resource raises ``MissingResource`` naming it.
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
# Longer answers are cut here (and flagged): a consultation answer past this is
# almost always pasted documents, and tagging cost grows with length.
MAX_CHARS = 5000

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
        from nltk import RegexpParser
        from nltk.corpus import stopwords, wordnet
        from nltk.sentiment.vader import SentimentIntensityAnalyzer
        from nltk.stem import WordNetLemmatizer
        from nltk.tag.perceptron import PerceptronTagger
        from nltk.tokenize import PunktTokenizer

        self.sentences = PunktTokenizer("english")
        self.tagger = PerceptronTagger()
        self.chunker = RegexpParser(NOUN_PHRASE_GRAMMAR)
        self.stopwords = frozenset(stopwords.words("english"))
        self.vader = SentimentIntensityAnalyzer()
        wordnet.ensure_loaded()
        lemmatizer = WordNetLemmatizer()
        self.lemmatize = lru_cache(maxsize=200_000)(lemmatizer.lemmatize)


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
    for sentence_text in m.sentences.tokenize(cleaned):
        tokens = _TOKEN.findall(sentence_text)
        if not tokens:
            continue
        tagged = m.tagger.tag(tokens)
        lemmas = [
            m.lemmatize(word.lower(), _wordnet_pos(tag)) if _WORD.search(word) else word
            for word, tag in tagged
        ]
        result.tokens.extend(tokens)
        result.tags.extend(tagged)
        result.lemmas.extend(lemmas)
        result.sentence_lengths.append(len(tokens))
        result.sentences.append(
            Sentence(sentence_text, m.vader.polarity_scores(sentence_text)["compound"])
        )
        result.noun_phrases.extend(_noun_phrases(m, tagged, lemmas))
    result.content_lemmas = [
        lemma
        for lemma in result.lemmas
        if len(lemma) > 1 and _WORD.search(lemma) and lemma not in m.stopwords
    ]
    if result.sentences:
        # The answer's sentiment is the mean of its sentences': one VADER pass, not two.
        result.sentiment = round(
            sum(s.sentiment for s in result.sentences) / len(result.sentences), 4
        )
    words = [lemma for lemma in result.lemmas if _WORD.search(lemma)]
    result.language_ok = _looks_english(words, m.stopwords)
    return result


def _noun_phrases(m: _Models, tagged, lemmas) -> list[str]:
    """Lemmatised noun phrases, e.g. "single front door"."""
    if not any(tag.startswith("NN") for _, tag in tagged):
        return []
    # Chunk over (index, tag) so that each phrase maps back to its lemmas.
    tree = m.chunker.parse([(str(i), tag) for i, (_, tag) in enumerate(tagged)])
    phrases = []
    for subtree in tree.subtrees(lambda t: t.label() == "NP"):
        words = [lemmas[int(i)] for i, _ in subtree.leaves()]
        words = [w for w in words if _WORD.search(w) and w not in m.stopwords]
        if words:
            phrases.append(" ".join(words))
    return phrases
