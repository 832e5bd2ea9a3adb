"""The significance test for one group against everyone else, and the
Benjamini–Hochberg control of the false-discovery rate over all of them."""

from dataclasses import dataclass

import numpy as np

ALPHA = 0.05
FISHER, CHI_SQUARED = "Fisher's exact test", "chi-squared test"


@dataclass(frozen=True)
class TestResult:
    p_value: float
    test: str


def compare_2x2(table: list[list[int]]) -> TestResult:
    """Fisher's exact test when an expected count is under 5 (chi-squared's
    approximation fails there), the chi-squared test with Yates's correction
    otherwise. ``table`` is [[group yes, group no], [others yes, others no]]."""
    # scipy.stats takes a second or more to import: only pages that test pay it.
    from scipy.stats import chi2_contingency, fisher_exact

    array = np.array(table)
    rows, cols = array.sum(axis=1), array.sum(axis=0)
    if (rows == 0).any() or (cols == 0).any():
        return TestResult(1.0, FISHER)
    expected = np.outer(rows, cols) / array.sum()
    if (expected < 5).any():
        return TestResult(float(fisher_exact(array).pvalue), FISHER)
    return TestResult(float(chi2_contingency(array).pvalue), CHI_SQUARED)


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Adjusted p-values (q-values) controlling the false-discovery rate.

    The largest p-value keeps its value; going down, each is p·m/rank, capped
    by the one above it (step-up) and by 1. Matches
    ``scipy.stats.false_discovery_control(p, method="bh")``.
    """
    m = len(p_values)
    if not m:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = running
    return adjusted
