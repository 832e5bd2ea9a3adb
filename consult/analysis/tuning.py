"""Tuning inside the labelled answers: out-of-fold probabilities per theme, each
theme's threshold and calibration, how many themes an answer keeps, and the
models they come from (``learning.py``)."""

from collections import Counter

import numpy as np

INNER_FOLDS = 5
THRESHOLDS = [t / 100 for t in range(5, 96, 5)]
DEFAULT_THRESHOLD = 0.5
# Regularisation of the models, chosen by cross-validation inside the labelled
# part of the development sets (README "Evaluation").
C = 10.0
SEED = 0
# A rule-led theme whose matches the labels contradict this often is muted.
RULE_MIN_PRECISION = 0.2
RULE_MIN_FIRINGS = 5
# Sample-F1 given up, at most, for themes per answer nearer what people tag.
COUNT_TOLERANCE = 0.01


def _theme_model():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", dual=True, max_iter=2000
    )


def _multiclass_model(folds: int):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import VotingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    if folds < 2:
        return lr
    svm = CalibratedClassifierCV(LinearSVC(C=0.3, class_weight="balanced"), cv=folds)
    return VotingClassifier([("lr", lr), ("svm", svm)], voting="soft")


def _out_of_fold(x, y):
    """Each labelled answer's probability per theme from models that did not see it."""
    from sklearn.model_selection import KFold

    oof = np.zeros(y.shape)
    folds = min(INNER_FOLDS, len(y))
    for train, test in KFold(folds, shuffle=True, random_state=SEED).split(x):
        for j in range(y.shape[1]):
            seen = y[train, j]
            if seen.all() or not seen.any():
                oof[test, j] = seen.mean()
                continue
            model = _theme_model().fit(x[train], seen)
            oof[test, j] = model.predict_proba(x[test])[:, 1]
    return oof


def _best_threshold(probs, truth) -> float:
    """The threshold with the best F1 for one theme on out-of-fold probabilities;
    of equally good ones, the nearest to 0.5 (perfectly separated labels would
    otherwise get the lowest)."""
    best, best_key = DEFAULT_THRESHOLD, (-1.0, 0.0)
    for threshold in THRESHOLDS:
        predicted = probs >= threshold
        tp = int((predicted & truth).sum())
        f1 = 2 * tp / (predicted.sum() + truth.sum()) if tp else 0.0
        key = (round(f1, 6), -abs(threshold - DEFAULT_THRESHOLD))
        if key > best_key:
            best, best_key = threshold, key
    return best


def _sample_f1(found: set, truth: set) -> float:
    if not found and not truth:
        return 0.0  # as scikit-learn's f1_score(average="samples") counts it
    return 2 * len(found & truth) / (len(found) + len(truth))


def _calibrated(tried):
    """Of (sample-F1, distance from people's themes per answer, *setting) tried,
    the one nearest people's count within ``COUNT_TOLERANCE`` of the best F1;
    of equally near ones, the first tried."""
    best = max(t[0] for t in tried)
    near = [t for t in tried if t[0] >= best - COUNT_TOLERANCE]
    return min(near, key=lambda t: t[1])


def _platt(probs, truth) -> tuple[float, float]:
    """(slope, intercept) mapping one theme's out-of-fold log-odds to calibrated
    log-odds. Class-balanced models overstate rare themes; calibrated, every
    theme's probability is on one scale and the themes of an answer can be
    ranked against each other. Default regularisation shrinks a theme with few
    positives toward its base rate."""
    from sklearn.linear_model import LogisticRegression

    if truth.all() or not truth.any():
        return 1.0, 0.0
    model = LogisticRegression().fit(_logit(probs)[:, None], truth)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _expected_f1_count(ranked: list[float]) -> int:
    """How many of an answer's themes, ranked by probability (highest first), to
    keep so that its expected sample-F1 is highest: the plug-in estimate
    2 * (sum of the kept probabilities) / (kept + expected number of themes).
    With one theme per answer (probabilities summing to one) it is exact: a
    second theme is kept when it is at least half as likely as the first."""
    expected = sum(ranked)
    best, best_k, kept = -1.0, 0, 0.0
    for k, p in enumerate(ranked, start=1):
        kept += p
        score = 2 * kept / (k + expected)
        if score > best:
            best, best_k = score, k
    return best_k


def _contradicted_rules(evidences, labels, rules) -> set[str]:
    """Themes whose rule matches the labelled answers mostly contradict."""
    fired, right = Counter(), Counter()
    for evidence, themes in zip(evidences, labels, strict=True):
        for m in evidence.matches:
            fired[m.theme] += 1
            right[m.theme] += m.theme in themes
    return {
        r.key
        for r in rules
        if fired[r.key] >= RULE_MIN_FIRINGS
        and right[r.key] / fired[r.key] < RULE_MIN_PRECISION
    }
