"""Learning themes from officers' decisions, combined with the codebook's rules.

One binary classifier per theme, behind NLTK's classifier interface
(``nltk.classify.scikitlearn.SklearnClassifier``) wrapping TF-IDF and a linear
model over the pipeline's features: lemmas, lemma bigrams, noun phrases,
POS-filtered words and codebook matches. Themes with too few decisions to learn
from fall back to the codebook rules alone.

Chosen by measurement (``make eval-real``; README "Evaluation"): on real
patient feedback a linear model over lemmatised TF-IDF beats NLTK's naive
Bayes by a wide margin, and logistic regression gives calibrated scores for the
0.5 threshold that a linear SVM does not. For single-label data one multiclass
model averages the probabilities of logistic regression and a calibrated linear
SVM: cross-validation inside the labelled part preferred it to either alone.

An answer's question (which survey question it answers) is an optional feature:
the mix of themes differs strongly from one question to another.

With ``encoder=True`` a fine-tuned transformer (``encoder.py``) learns from the
same examples too, and each theme's probability is the plain average of the
linear model's and the encoder's.
"""

import random
from collections import Counter
from collections.abc import Callable

from .matching import Match, ThemeRule, match_themes
from .text import AnalysedText

# Fewer examples than this on either side and a theme is left to its rules.
MIN_EXAMPLES = 3
THRESHOLD = 0.5
# Folds for calibrating the SVM's scores; themes with fewer examples than this
# leave the single-label model to logistic regression alone.
CALIBRATION_FOLDS = 5


def features(
    analysed: AnalysedText, rule_matches: list[Match], question: str | None = None
) -> dict[str, float]:
    """The feature dict one answer gives every theme's classifier."""
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
    out = {k: float(v) for k, v in feats.items()}
    for match in rule_matches:
        out[f"rule:{match.theme}"] = 1.0 + match.score
    if question:
        out[f"q:{question}"] = 1.0
    if not out:
        out["empty"] = 1.0
    return out


def default_estimator():
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
            (
                "model",
                LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000),
            ),
        ]
    )


def single_label_estimator():
    """Averaged probabilities of logistic regression and a calibrated linear SVM."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import VotingClassifier
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    return Pipeline(
        [
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
            (
                "model",
                VotingClassifier(
                    [
                        (
                            "lr",
                            LogisticRegression(
                                C=10.0, class_weight="balanced", max_iter=2000
                            ),
                        ),
                        (
                            "svm",
                            CalibratedClassifierCV(
                                LinearSVC(C=0.3, class_weight="balanced"),
                                cv=CALIBRATION_FOLDS,
                            ),
                        ),
                    ],
                    voting="soft",
                ),
            ),
        ]
    )


class ThemeLearner:
    """Per-theme classifiers learnt from decisions, plus the codebook's rules."""

    def __init__(
        self,
        rules: list[ThemeRule],
        *,
        estimator: Callable = default_estimator,
        single_label_estimator: Callable = single_label_estimator,
        at_least_one: bool = False,
        encoder: bool = False,
    ):
        self.rules = list(rules)
        self.estimator = estimator
        self.single_label_estimator = single_label_estimator
        # For single-label data (every answer has a theme) pick the likeliest
        # theme when none passes the threshold.
        self.at_least_one = at_least_one
        self.use_encoder = encoder
        self.classifiers: dict = {}
        self.multiclass = None
        self.encoder = None

    @property
    def learnt_themes(self) -> set[str]:
        return set(self.classifiers)

    def fit(
        self,
        examples: list[tuple[AnalysedText, set[str]]],
        questions: list[str] | None = None,
    ) -> "ThemeLearner":
        """Learn from (analysis, themes) examples; ``questions``, if given, holds
        each example's question, and the same must then be given to ``predict``."""
        from nltk.classify.scikitlearn import SklearnClassifier

        questions = questions or [None] * len(examples)
        rows = [
            (features(a, match_themes(a, self.rules), q), themes)
            for (a, themes), q in zip(examples, questions, strict=True)
        ]
        counts = Counter(t for _, themes in rows for t in themes)
        self.classifiers = {}
        self.multiclass = None
        self.encoder = None
        single = self.at_least_one and all(len(themes) == 1 for _, themes in rows)
        if self.use_encoder:
            self.encoder = self._fit_encoder(examples, questions, single)
        if single:
            # Single-label data: one classifier choosing among the themes
            # is better calibrated than one yes/no classifier per theme.
            labelled = [(f, next(iter(themes))) for f, themes in rows]
            estimator = (
                self.single_label_estimator
                if min(counts.values()) >= CALIBRATION_FOLDS
                else self.estimator
            )
            self.multiclass = SklearnClassifier(estimator()).train(labelled)
            self.classifiers = dict.fromkeys(counts, self.multiclass)
            return self
        for rule in self.rules:
            positives = counts.get(rule.key, 0)
            if positives < MIN_EXAMPLES or len(rows) - positives < MIN_EXAMPLES:
                continue
            labelled = [(f, rule.key in themes) for f, themes in rows]
            self.classifiers[rule.key] = SklearnClassifier(self.estimator()).train(
                labelled
            )
        return self

    @staticmethod
    def _fit_encoder(examples, questions, single: bool):
        """The fine-tuned encoder, or None without two themes to tell apart."""
        from .encoder import EncoderClassifier

        if len({t for _, themes in examples for t in themes}) < (2 if single else 1):
            return None
        pairs = [
            (encoder_features(a, q), next(iter(themes)) if single else themes)
            for (a, themes), q in zip(examples, questions, strict=True)
        ]
        return EncoderClassifier.train(pairs, multi_label=not single)

    def probabilities(
        self, analysed: AnalysedText, rule_matches=None, question: str | None = None
    ) -> dict[str, float]:
        rule_matches = (
            match_themes(analysed, self.rules) if rule_matches is None else rule_matches
        )
        return self._probabilities([analysed], [rule_matches], [question])[0]

    def _probabilities(self, analysed, all_matches, questions) -> list[dict]:
        feats = [
            features(a, m, q)
            for a, m, q in zip(analysed, all_matches, questions, strict=True)
        ]
        if self.multiclass is not None:
            probs = [
                {theme: dist.prob(theme) for theme in dist.samples()}
                for dist in self.multiclass.prob_classify_many(feats)
            ]
        else:
            probs = [{} for _ in feats]
            for theme, clf in self.classifiers.items():
                for row, dist in zip(probs, clf.prob_classify_many(feats), strict=True):
                    row[theme] = dist.prob(True)
        if self.encoder is None:
            return probs
        encoded = self.encoder.scores_many(
            [encoder_features(a, q) for a, q in zip(analysed, questions, strict=True)]
        )
        return [_average(p, e) for p, e in zip(probs, encoded, strict=True)]

    def predict(
        self, analysed: AnalysedText, question: str | None = None
    ) -> list[Match]:
        return self.predict_many([analysed], [question])[0]

    def predict_many(
        self, analysed: list[AnalysedText], questions: list | None = None
    ) -> list[list[Match]]:
        """Themes for many answers, with one classifier call per model rather
        than one per answer."""
        questions = questions or [None] * len(analysed)
        all_matches = [match_themes(a, self.rules) for a in analysed]
        probs = self._probabilities(analysed, all_matches, questions)
        return [
            self._combine(a, m, p)
            for a, m, p in zip(analysed, all_matches, probs, strict=True)
        ]

    def _combine(self, analysed, rule_matches, probs) -> list[Match]:
        by_rule = {m.theme: m for m in rule_matches}
        chosen = {t: p for t, p in probs.items() if p >= THRESHOLD}
        if self.at_least_one and not chosen and probs:
            best = max(probs, key=probs.get)
            chosen = {best: probs[best]}
        # Learning adds to the codebook, never silences it: a rule match stands
        # (officers reject wrong tags), and the classifier finds what rules miss.
        matches = {m.theme: m for m in rule_matches}
        for theme, p in chosen.items():
            rule = by_rule.get(theme)
            if rule is None or p > rule.score:
                matches[theme] = Match(theme, round(p, 4), _evidence(analysed, rule))
        ranked = sorted(matches.values(), key=lambda m: -m.score)
        if self.multiclass is not None:
            # Single-label: the classifier's choice first, however the rules scored.
            ranked.sort(key=lambda m: m.theme not in chosen)
        return ranked

    def cross_validate(
        self, examples, folds: int = 5, seed: int = 0
    ) -> dict[str, dict]:
        """Per theme: precision, recall and F1 over ``folds`` held-out parts, and
        the number of decisions it learnt from."""
        order = list(range(len(examples)))
        random.Random(seed).shuffle(order)  # noqa: S311 -- a fold split, not a secret
        tally = {r.key: Counter() for r in self.rules}
        for fold in range(folds):
            test_idx = set(order[fold::folds])
            train = [examples[i] for i in order if i not in test_idx]
            learner = ThemeLearner(
                self.rules,
                estimator=self.estimator,
                single_label_estimator=self.single_label_estimator,
                at_least_one=self.at_least_one,
                encoder=self.use_encoder,
            ).fit(train)
            for i in test_idx:
                analysed, truth = examples[i]
                predicted = {m.theme for m in learner.predict(analysed)}
                for key, t in tally.items():
                    t["tp"] += key in predicted and key in truth
                    t["fp"] += key in predicted and key not in truth
                    t["fn"] += key not in predicted and key in truth
        decisions = Counter(t for _, themes in examples for t in themes)
        return {
            key: {**scores(t), "decisions": decisions.get(key, 0)}
            for key, t in tally.items()
        }


def encoder_features(analysed: AnalysedText, question: str | None) -> dict:
    """What the encoder reads: the answer's cleaned text, after its question."""
    text = " ".join(s.text for s in analysed.sentences)
    return {"text": f"{question}: {text}" if question else text}


def _average(linear: dict[str, float], encoded: dict[str, float]) -> dict[str, float]:
    """Each learnt theme's mean of the two models. Themes with too few examples
    for a linear model are left to the rules, whatever the encoder makes of them."""
    return {
        theme: (p + encoded[theme]) / 2 if theme in encoded else p
        for theme, p in linear.items()
    }


def scores(t: Counter) -> dict[str, float]:
    """Precision, recall and F1 from true/false positive and false negative counts."""
    precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
    recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _evidence(analysed: AnalysedText, rule_match: Match | None) -> str:
    """The rule's sentence if a rule fired, else the answer's most charged sentence."""
    if rule_match:
        return rule_match.evidence
    if not analysed.sentences:
        return ""
    return max(analysed.sentences, key=lambda s: abs(s.sentiment)).text
