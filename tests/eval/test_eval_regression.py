"""The analysis must not get worse at finding the demo consultation's themes."""

import json

import pytest

from tests.eval.evaluate import BASELINE, load, macro_f1, rules_only

TOLERANCE = 0.02


@pytest.fixture(scope="module")
def evaluation_set():
    return load()


def test_macro_f1_holds_its_recorded_level(evaluation_set):
    recorded = json.loads(BASELINE.read_text())["macro_f1_rules"]
    measured = macro_f1(rules_only(*evaluation_set))
    assert measured >= recorded - TOLERANCE, (
        f"macro-F1 fell to {measured:.3f} from the recorded {recorded:.3f}; "
        "run 'make eval' to see which themes got worse"
    )


def test_every_codebook_theme_is_found_at_least_once(evaluation_set):
    table = rules_only(*evaluation_set)
    assert all(s["recall"] > 0 for s in table.values()), table
