"""Answers as vectors for the learner: words, characters, codebook evidence, question.

Four blocks, each weighted on its own so that none drowns the others:

- words: TF-IDF over the NLTK pipeline's lemmas, lemma bigrams, noun phrases and
  POS-filtered words (``word_features``);
- characters: TF-IDF over 2- to 5-character pieces of the cleaned text, which
  survive misspellings ("apointment") and word forms the lemmatiser misses;
- evidence: each codebook theme's match score and each signal found, so that a
  rule is one more piece of evidence the model weighs (and can learn to ignore:
  "answered" found in "did not answer");
- question: which survey question the answer answers, when known.
"""

from collections import Counter

from .matching import RuleEvidence
from .text import AnalysedText

# Set by cross-validation inside the labelled part of the development sets.
CHAR_WEIGHT = 1.0
EVIDENCE_WEIGHT = 1.0
# From this many answers, a character piece must occur in two to count.
MIN_DF_FROM = 10


def word_features(analysed: AnalysedText) -> dict[str, float]:
    """The pipeline's words as counts: lemmas, all lemmas, bigrams, phrases, POS."""
    feats: Counter = Counter()
    content = analysed.content_lemmas
    feats.update(f"l:{lemma}" for lemma in content)
    # Every lemma too: "not", "no" and "nothing" decide many short answers.
    feats.update(f"a:{lemma}" for lemma in analysed.lemmas)
    feats.update(f"b:{a}_{b}" for a, b in zip(content, content[1:], strict=False))
    feats.update(f"np:{phrase}" for phrase in analysed.noun_phrases)
    # POS-filtered: nouns, verbs and adjectives carry what the answer is about.
    feats.update(
        f"p:{lemma}"
        for lemma, (_, tag) in zip(analysed.lemmas, analysed.tags, strict=False)
        if tag[:2] in ("NN", "VB", "JJ") and lemma in content
    )
    return {k: float(v) for k, v in feats.items()} or {"empty": 1.0}


def evidence_features(
    evidence: RuleEvidence, question: str | None = None
) -> dict[str, float]:
    """Codebook matches and signals found (and the question) as features."""
    out = {f"rule:{m.theme}": 0.5 + m.score for m in evidence.matches}
    for theme, signals in evidence.signals.items():
        out.update({f"sig:{theme}:{s}": 1.0 for s in signals})
    if question:
        out[f"q:{question}"] = 1.0
    return out


def plain_text(analysed: AnalysedText) -> str:
    return " ".join(s.text for s in analysed.sentences).lower()


class AnswerVectoriser:
    """Fitted on the labelled answers; turns any answers into one sparse matrix."""

    def __init__(self, *, chars: bool = True):
        self.chars = chars

    def fit_transform(self, analysed, evidences, questions):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

        self.words = DictVectorizer()
        self.word_tfidf = TfidfTransformer(sublinear_tf=True)
        self.evidence = DictVectorizer()
        blocks = [
            self.word_tfidf.fit_transform(
                self.words.fit_transform(word_features(a) for a in analysed)
            )
        ]
        texts = [plain_text(a) for a in analysed]
        # Character pieces need text, and a floor only once there are answers enough.
        self.chars = self.chars and any(texts)
        if self.chars:
            self.characters = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(2, 5),
                sublinear_tf=True,
                min_df=2 if len(texts) >= MIN_DF_FROM else 1,
            )
            blocks.append(CHAR_WEIGHT * self.characters.fit_transform(texts))
        blocks.append(
            EVIDENCE_WEIGHT
            * self.evidence.fit_transform(
                evidence_features(e, q)
                for e, q in zip(evidences, questions, strict=True)
            )
        )
        return _stack(blocks)

    def transform(self, analysed, evidences, questions):
        blocks = [
            self.word_tfidf.transform(
                self.words.transform(word_features(a) for a in analysed)
            )
        ]
        if self.chars:
            blocks.append(
                CHAR_WEIGHT * self.characters.transform(plain_text(a) for a in analysed)
            )
        blocks.append(
            EVIDENCE_WEIGHT
            * self.evidence.transform(
                evidence_features(e, q)
                for e, q in zip(evidences, questions, strict=True)
            )
        )
        return _stack(blocks)


def _stack(blocks):
    from scipy.sparse import hstack

    return hstack(blocks, format="csr", dtype="float64")
