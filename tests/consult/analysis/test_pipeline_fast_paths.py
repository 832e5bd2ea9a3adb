"""The pipeline's fast paths give exactly what the NLTK code they replace gives.

``noun_phrase_spans`` stands in for ``RegexpParser(NOUN_PHRASE_GRAMMAR)`` and
``SentenceScorer`` for VADER's ``SentimentIntensityAnalyzer``: both are checked
against NLTK itself on every answer of the evaluation set.
"""

import csv
import itertools
from pathlib import Path

import pytest
from nltk import RegexpParser
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from consult.analysis.sentiment import SentenceScorer, words_and_emoticons
from consult.analysis.text import (
    LEMMA_CACHE_SIZE,
    NOUN_PHRASE_GRAMMAR,
    analyse_many,
    models,
    noun_phrase_spans,
)

EVAL_ANSWERS = Path(__file__).parents[2] / "eval" / "demo_answers.csv"
TRICKY = [
    "Wow!!! great... :) ,bad, 'good' !?!?love ?!?hate it!?! -- ok -x- 'a' !!!",
    "cat, ,cat cat,, ,,cat — “quoted” don't CAN'T",
    "GOOD but BAD!! Never so good, at least not the least bad?",
    "It was kind of ok, sort of helpful :-( :D",
    "",
]


@pytest.fixture(scope="module")
def eval_texts() -> list[str]:
    with EVAL_ANSWERS.open(newline="") as f:
        return [row["text"] for row in csv.DictReader(f)] + TRICKY


def _regexp_parser_spans(chunker, tags: list[str]) -> list[tuple[int, int]]:
    tree = chunker.parse([(str(i), tag) for i, tag in enumerate(tags)])
    spans = []
    for subtree in tree.subtrees(lambda t: t.label() == "NP"):
        positions = [int(i) for i, _ in subtree.leaves()]
        spans.append((positions[0], positions[-1] + 1))
    return spans


def test_noun_phrases_match_the_regexp_parser_on_the_eval_answers(eval_texts):
    chunker = RegexpParser(NOUN_PHRASE_GRAMMAR)
    sentences = 0
    for analysed in analyse_many(eval_texts):
        start = 0
        for length in analysed.sentence_lengths:
            tags = [tag for _, tag in analysed.tags[start : start + length]]
            assert noun_phrase_spans(tags) == _regexp_parser_spans(chunker, tags), tags
            start += length
            sentences += 1
    assert sentences > 300


def test_noun_phrases_match_the_regexp_parser_on_every_short_tag_sequence():
    chunker = RegexpParser(NOUN_PHRASE_GRAMMAR)
    alphabet = ["JJ", "JJS", "VBN", "VBG", "NN", "NNPS", "DT", "VBD"]
    for length in range(1, 6):
        for tags in itertools.product(alphabet, repeat=length):
            tags = list(tags)
            assert noun_phrase_spans(tags) == _regexp_parser_spans(chunker, tags), tags


def test_sentence_scores_match_vader_on_the_eval_sentences(eval_texts):
    constants, vader, scorer = (
        VaderConstants(),
        SentimentIntensityAnalyzer(),
        SentenceScorer(),
    )
    sentences = [s for t in eval_texts for s in models().sentences.tokenize(t)]
    sentences += TRICKY
    for sentence in sentences:
        nltk_words = SentiText(
            sentence, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION
        ).words_and_emoticons
        assert words_and_emoticons(sentence) == nltk_words, sentence
        assert scorer.polarity_scores(sentence) == vader.polarity_scores(sentence)


def test_the_lemma_cache_is_bounded():
    assert models().lemma.cache_info().maxsize == LEMMA_CACHE_SIZE
