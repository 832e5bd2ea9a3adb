"""VADER sentence scores without VADER's per-sentence set-up: same numbers, less work.

NLTK's ``SentiText`` finds the words of a sentence by building a dictionary of
every word joined to each of 17 punctuation marks, before and after (about 35
entries a word), then looking each whitespace-separated token up in it. That
set-up was two thirds of VADER's time in our pipeline. A token is in that
dictionary only if it is a punctuation mark from the list followed (or preceded)
by a word of the sentence without punctuation, so ``words_and_emoticons`` below
checks exactly that, by stripping the token's leading or trailing punctuation.
The scoring itself is NLTK's, inherited unchanged.
"""

import string

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

_PUNCTUATION = string.punctuation  # what VADER's REGEX_REMOVE_PUNCTUATION removes
_REMOVE_PUNCTUATION = str.maketrans("", "", _PUNCTUATION)
_PUNC_MARKS = frozenset(VaderConstants.PUNC_LIST)


def words_and_emoticons(text: str) -> list[str]:
    """What ``SentiText(text, ...).words_and_emoticons`` gives, computed directly.

    NLTK maps ``p + w`` to ``w`` and then ``w + p`` to ``w`` for every mark ``p``
    in ``PUNC_LIST`` and every word ``w`` (over one character) of the text with all
    ASCII punctuation removed. Such a ``w`` holds no punctuation, so the only
    possible ``p`` is the token's whole leading (or trailing) run of punctuation;
    no key can be of both forms, since one ends in punctuation and the other not.
    """
    words_only = {w for w in text.translate(_REMOVE_PUNCTUATION).split() if len(w) > 1}
    found = []
    for token in text.split():
        if len(token) < 2:
            continue
        word = token.rstrip(_PUNCTUATION)
        if word != token and token[len(word) :] in _PUNC_MARKS and word in words_only:
            found.append(word)
            continue
        word = token.lstrip(_PUNCTUATION)
        if word != token and token[: -len(word) or None] in _PUNC_MARKS:
            if word in words_only:
                found.append(word)
                continue
        found.append(token)
    return found


class _SentenceText(SentiText):
    """``SentiText`` with the word list computed by ``words_and_emoticons``."""

    def __init__(self, text: str):
        self.text = text
        self.words_and_emoticons = words_and_emoticons(text)
        self.is_cap_diff = self.allcap_differential(self.words_and_emoticons)


class SentenceScorer(SentimentIntensityAnalyzer):
    """NLTK's VADER analyser, scoring through ``_SentenceText``.

    ``polarity_scores`` is NLTK 3.10's, line for line, except for the
    ``SentiText`` it builds; ``compound`` returns just the compound score.
    """

    def polarity_scores(self, text: str) -> dict:
        sentitext = _SentenceText(text)
        sentiments = []
        words = sentitext.words_and_emoticons
        first_index = {}
        for idx, token in enumerate(words):
            first_index.setdefault(token, idx)
        boosters = self.constants.BOOSTER_DICT
        for item in words:
            i = first_index[item]
            if (
                i < len(words) - 1
                and item.lower() == "kind"
                and words[i + 1].lower() == "of"
            ) or item.lower() in boosters:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def compound(self, text: str) -> float:
        return self.polarity_scores(text)["compound"]
