"""Learning themes from labelled answers, with the codebook's rules as evidence.

One model, one path: the platform (officers' decisions) and ``analyse_file``
(a labelled file) fit and predict through ``ThemeLearner``, in batches.

- Rules are evidence, not verdicts. Every codebook match and every signal found
  is a feature of the learned model (``vectors.py``). Once a theme has at least
  ``MIN_EXAMPLES`` labelled answers on each side, the model decides it and may
  overrule its rule; until then its rule decides (the prior), unless the
  labelled answers contradict the rule's matches (precision under
  ``tuning.RULE_MIN_PRECISION`` over ``tuning.RULE_MIN_FIRINGS`` matches).
  Exclusions stay hard: an excluded theme is never tagged.
- Multi-label by default: one logistic regression per theme (one-vs-rest),
  each with its own threshold, chosen by cross-validation inside the labelled
  answers, and its probability calibrated on the same out-of-fold predictions
  so that an answer's themes rank on one scale.
- Per answer, themes are kept in order of probability while the expected
  sample-F1 rises (``tuning._expected_f1_count``). The cap on themes per
  answer, the at-least-one fallback and whether to rank by calibrated
  probability are chosen by cross-validation inside the labelled answers: of
  the settings within 0.01 of the best sample-F1, the one whose themes per
  answer are nearest what people tagged.
- When every labelled answer has exactly one theme, one multiclass model
  (averaging logistic regression and a calibrated linear SVM) chooses: better
  calibrated than yes/no models per theme. It tags one theme, or a second
  where that is at least half as likely, if cross-validation says so.
- The answer's question is a feature where it is known.

With ``encoder=True`` a fine-tuned transformer (``encoder.py``) learns from the
same examples too, and each theme's probability is the plain average of the
linear model's and the encoder's.
"""

import math
import random
from collections import Counter

import numpy as np

from .matching import Match, RuleEvidence, ThemeRule, rule_evidence
from .tag_evidence import _evidence, _telling_words
from .text import AnalysedText
from .tuning import (
    DEFAULT_THRESHOLD,
    INNER_FOLDS,
    SEED,
    _best_threshold,
    _calibrated,
    _contradicted_rules,
    _expected_f1_count,
    _multiclass_model,
    _out_of_fold,
    _platt,
    _sample_f1,
    _theme_model,
)
from .vectors import AnswerVectoriser

# Fewer labelled answers than this on either side and a theme is left to its rule.
MIN_EXAMPLES = 3
# From this many labelled answers with a theme, the model may overrule its rule.
OVERRULE_AFTER = 10
CAPS = (None, 8, 5, 4, 3, 2, 1)
# A single-label model tags at most this many themes, chosen from these.
SINGLE_CAPS = (1, 2, 3)
# Fewer labelled answers than this and thresholds and caps are not tuned.
MIN_FOR_TUNING = 50
# Share of labelled answers with a theme above which every answer gets one.
AT_LEAST_ONE_SHARE = 0.9


class ThemeLearner:
    """Themes from the codebook's rules and what labelled answers teach."""

    # Class defaults: learners pickled before calibration existed still load.
    calibration: dict = {}  # noqa: RUF012 -- replaced per instance in fit
    calibrate = False

    def __init__(
        self,
        rules: list[ThemeRule],
        *,
        at_least_one: bool | None = None,
        encoder: bool = False,
        chars: bool = True,
    ):
        self.rules = list(rules)
        # None: decided from the labelled answers.
        self.at_least_one = at_least_one
        self.use_encoder = encoder
        self.chars = chars
        self.vectoriser = None
        self.models: dict = {}
        self.thresholds: dict[str, float] = {}
        self.multiclass = None
        self.encoder = None
        self.muted_rules: set[str] = set()
        self.positives: dict[str, int] = {}
        # Per learnt theme, the words that most tell its model yes (evidence).
        self.telling: dict[str, set[str]] = {}
        self.max_themes: int | None = None
        self.fallback = bool(at_least_one)
        # Per learnt theme, (slope, intercept) on the log-odds; used if calibrate.
        self.calibration: dict[str, tuple[float, float]] = {}
        self.calibrate = False

    @property
    def learnt_themes(self) -> set[str]:
        if self.multiclass is not None:
            return {str(c) for c in self.multiclass.classes_}
        return set(self.models)

    def fit(
        self,
        examples: list[tuple[AnalysedText, set[str]]],
        questions: list[str] | None = None,
    ) -> "ThemeLearner":
        """Learn from (analysis, themes) examples; ``questions``, if given, holds
        each example's question, and the same must then be given to ``predict``."""
        questions = questions or [None] * len(examples)
        analysed = [a for a, _ in examples]
        labels = [set(themes) for _, themes in examples]
        evidences = [rule_evidence(a, self.rules) for a in analysed]
        self.models, self.thresholds, self.multiclass, self.encoder = {}, {}, None, None
        self.telling = {}
        self.max_themes, self.fallback = None, bool(self.at_least_one)
        self.calibration, self.calibrate = {}, False
        self.muted_rules = _contradicted_rules(evidences, labels, self.rules)
        if not examples:
            return self
        self.vectoriser = AnswerVectoriser(chars=self.chars)
        x = self.vectoriser.fit_transform(analysed, evidences, questions)
        counts = Counter(t for themes in labels for t in themes)
        self.positives = dict(counts)
        single = all(len(themes) == 1 for themes in labels) and len(counts) >= 2
        if self.use_encoder:
            self.encoder = self._fit_encoder(examples, questions, single)
        if single:
            folds = min(INNER_FOLDS, min(counts.values()))
            folds = folds if folds >= INNER_FOLDS else 0
            self.multiclass = _multiclass_model(folds)
            y = [next(iter(themes)) for themes in labels]
            self.multiclass.fit(x, y)
            self.max_themes = 1
            if folds and len(labels) >= MIN_FOR_TUNING:
                self._choose_single_count(x, y, folds, evidences, labels)
            return self
        keys = [
            r.key
            for r in self.rules
            if MIN_EXAMPLES <= counts[r.key] <= len(labels) - MIN_EXAMPLES
        ]
        if not keys:
            return self
        y = np.array([[k in themes for k in keys] for themes in labels], dtype=bool)
        self.models = {k: _theme_model().fit(x, y[:, j]) for j, k in enumerate(keys)}
        self.telling = {
            k: _telling_words(self.vectoriser, m) for k, m in self.models.items()
        }
        if len(labels) < MIN_FOR_TUNING:
            return self  # too few to tune on: 0.5 thresholds, no cap
        oof = _out_of_fold(x, y)
        self.thresholds = {
            k: _best_threshold(oof[:, j], y[:, j])
            if y[:, j].sum() >= MIN_EXAMPLES * 3
            else DEFAULT_THRESHOLD
            for j, k in enumerate(keys)
        }
        self.calibration = {
            k: _platt(oof[:, j], y[:, j])
            for j, k in enumerate(keys)
            if y[:, j].sum() >= MIN_EXAMPLES * 3
        }
        rows = [dict(zip(keys, row, strict=True)) for row in oof]
        fallbacks = [self.at_least_one] if self.at_least_one is not None else [0, 1]
        settings = [
            (cap, bool(fallback), calibrate)
            # Least intervention first: of equals, the first is kept.
            for calibrate in ([False, True] if self.calibration else [False])
            for fallback in fallbacks
            for cap in CAPS
        ]
        self._choose_counts(rows, settings, evidences, labels)
        return self

    def _choose_single_count(self, x, y, folds, evidences, labels) -> None:
        """The single-label model's cap on themes per answer, from its
        out-of-fold probabilities (as ``_choose_counts``)."""
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        # Three folds: the single-label model is the slow one to fit. Each
        # fits on two thirds, so its own calibration folds are as many as the
        # rarest theme keeps there (5 answers keep 3).
        split = StratifiedKFold(3, shuffle=True, random_state=SEED)
        rarest = min(Counter(y).values())
        inner = min(folds, rarest - math.ceil(rarest / 3))
        oof = cross_val_predict(
            _multiclass_model(inner), x, y, cv=split, method="predict_proba"
        )
        classes = [str(c) for c in self.multiclass.classes_]
        rows = [dict(zip(classes, map(float, row), strict=True)) for row in oof]
        settings = [(cap, self.fallback, False) for cap in SINGLE_CAPS]
        self._choose_counts(rows, settings, evidences, labels)

    def _choose_counts(self, rows, settings, evidences, labels) -> None:
        """The cap on themes per answer, the at-least-one fallback and whether to
        rank by calibrated probability, from the out-of-fold probabilities
        ``rows``: of the ``settings`` within ``tuning.COUNT_TOLERANCE`` of the
        best sample-F1, the one whose themes per answer are nearest what people
        tagged (sample-F1 alone rewards tagging more themes than people do for a
        hair's gain)."""
        people = sum(map(len, labels)) / len(labels)
        tried = []
        for cap, fallback, calibrate in settings:
            self.max_themes, self.fallback, self.calibrate = cap, fallback, calibrate
            chosen = [
                {t for t, _ in self._select(e, probs)}
                for probs, e in zip(rows, evidences, strict=True)
            ]
            f1 = sum(
                _sample_f1(c, t) for c, t in zip(chosen, labels, strict=True)
            ) / len(labels)
            count = sum(map(len, chosen)) / len(labels)
            tried.append((f1, abs(count - people), cap, fallback, calibrate))
        _, _, self.max_themes, self.fallback, self.calibrate = _calibrated(tried)

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
        self, analysed: AnalysedText, question: str | None = None
    ) -> dict[str, float]:
        """Each learnt theme's probability for one answer."""
        evidence = rule_evidence(analysed, self.rules)
        return self._probabilities([analysed], [evidence], [question])[0]

    def probabilities_many(self, analysed, questions=None) -> list[dict]:
        """Each learnt theme's probability for many answers."""
        questions = questions or [None] * len(analysed)
        evidences = [rule_evidence(a, self.rules) for a in analysed]
        return self._probabilities(analysed, evidences, questions)

    def _probabilities(self, analysed, evidences, questions) -> list[dict]:
        if self.vectoriser is None or not self.learnt_themes:
            return [{} for _ in analysed]
        x = self.vectoriser.transform(analysed, evidences, questions)
        if self.multiclass is not None:
            classes = [str(c) for c in self.multiclass.classes_]
            probs = [
                dict(zip(classes, map(float, row), strict=True))
                for row in self.multiclass.predict_proba(x)
            ]
        else:
            probs = [{} for _ in analysed]
            for theme, model in self.models.items():
                for row, p in zip(probs, model.predict_proba(x)[:, 1], strict=True):
                    row[theme] = float(p)
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
        """Themes for many answers, strongest first, with one model call per theme."""
        questions = questions or [None] * len(analysed)
        evidences = [rule_evidence(a, self.rules) for a in analysed]
        probs = self._probabilities(analysed, evidences, questions)
        return [
            self._combine(a, e, p)
            for a, e, p in zip(analysed, evidences, probs, strict=True)
        ]

    def _combine(self, analysed, evidence: RuleEvidence, probs) -> list[Match]:
        if not analysed.tokens:
            return []
        by_rule = {m.theme: m for m in evidence.matches}
        return [
            Match(
                t,
                round(score, 4),
                _evidence(analysed, by_rule.get(t), self.telling.get(t, set())),
            )
            for t, score in self._select(evidence, probs)
        ]

    def _select(self, evidence: RuleEvidence, probs: dict) -> list[tuple[str, float]]:
        """(theme, score) chosen for one answer, strongest first."""
        ranked = {
            t: self._calibrated(t, p)
            for t, p in probs.items()
            if t not in evidence.excluded
        }
        order = sorted(ranked, key=lambda t: -ranked[t])
        chosen = order[: _expected_f1_count([ranked[t] for t in order])]
        if self.multiclass is None and not self.fallback:
            # Without the fallback, a theme must clear its own threshold too.
            chosen = [
                t
                for t in chosen
                if probs[t] >= self.thresholds.get(t, DEFAULT_THRESHOLD)
            ]
        out = [(t, probs[t]) for t in chosen]
        # Themes with too few labels to overrule it: their rule stands, unless
        # the labels contradict it.
        taken = {t for t, _ in out}
        out += [
            (m.theme, m.score)
            for m in evidence.matches
            if m.theme not in taken
            and m.theme not in self.muted_rules
            and self.positives.get(m.theme, 0) < OVERRULE_AFTER
        ]
        if self.max_themes:
            out = out[: self.max_themes]
        return out

    def _calibrated(self, theme: str, p: float) -> float:
        """The theme's probability on the scale all themes share, if chosen."""
        if not self.calibrate or theme not in self.calibration:
            return p
        slope, intercept = self.calibration[theme]
        p = min(max(p, 1e-4), 1 - 1e-4)  # as tuning._logit, without NumPy's overhead
        return 1 / (1 + math.exp(-(slope * math.log(p / (1 - p)) + intercept)))

    def cross_validate(
        self, examples, folds: int = 5, seed: int = 0
    ) -> dict[str, dict]:
        """Per theme: precision, recall and F1 over ``folds`` held-out parts, and
        the number of decisions it learnt from."""
        order = list(range(len(examples)))
        random.Random(seed).shuffle(order)  # noqa: S311 -- a fold split, not a secret
        tally = {r.key: Counter() for r in self.rules}
        for fold in range(folds):
            test_idx = list(order[fold::folds])
            held = set(test_idx)
            train = [examples[i] for i in order if i not in held]
            learner = ThemeLearner(
                self.rules,
                at_least_one=self.at_least_one,
                encoder=self.use_encoder,
                chars=self.chars,
            ).fit(train)
            predicted = learner.predict_many([examples[i][0] for i in test_idx])
            for i, matches in zip(test_idx, predicted, strict=True):
                found = {m.theme for m in matches}
                truth = examples[i][1]
                for key, t in tally.items():
                    t["tp"] += key in found and key in truth
                    t["fp"] += key in found and key not in truth
                    t["fn"] += key not in found and key in truth
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
    """Each learnt theme's mean of the two models."""
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
