"""Tuning inside the labelled answers: out-of-fold probabilities per theme, each
theme's threshold, and the per-theme model they come from (``learning.py``)."""

import numpy as np

INNER_FOLDS = 5
THRESHOLDS = [t / 100 for t in range(5, 96, 5)]
DEFAULT_THRESHOLD = 0.5
# Regularisation of the models, chosen by cross-validation inside the labelled
# part of the development sets (README "Evaluation").
C = 10.0
SEED = 0
# Sample-F1 given up, at most, for themes per answer nearer what people tag.
COUNT_TOLERANCE = 0.01


def _theme_model():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", dual=True, max_iter=2000
    )


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
