"""How well the analysis finds the demo consultation's themes (``make eval``).

tests/eval/demo_answers.csv holds 210 answers written for the purpose, each
coded by hand with its themes; tests/eval/demo_codebook.csv is the codebook,
written from the theme definitions. Prints precision, recall and F1 per theme,
macro-F1, and how F1 grows as officers label answers.
"""

import csv
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
CURVE_SIZES = (0, 25, 50, 100)
CURVE_REPEATS = 5


def load():
    from consult.analysis.codebook_files import read_codebook_csv
    from consult.analysis.text import analyse_many

    with (HERE / "demo_codebook.csv").open() as f:
        rules = read_codebook_csv(f)
    with (HERE / "demo_answers.csv").open() as f:
        rows = list(csv.DictReader(f))
    analysed = analyse_many(r["text"] for r in rows)
    truth = [{t for t in r["themes"].split(";") if t} for r in rows]
    return rules, analysed, truth


def per_theme(rules, predicted, truth) -> dict[str, dict]:
    from consult.analysis.learning import scores

    result = {}
    for rule in rules:
        tally = Counter()
        for p, t in zip(predicted, truth, strict=True):
            tally["tp"] += rule.key in p and rule.key in t
            tally["fp"] += rule.key in p and rule.key not in t
            tally["fn"] += rule.key not in p and rule.key in t
        result[rule.key] = scores(tally)
    return result


def macro_f1(table: dict[str, dict]) -> float:
    return round(sum(s["f1"] for s in table.values()) / len(table), 4)


def rules_only(rules, analysed, truth) -> dict[str, dict]:
    from consult.analysis.matching import match_themes

    predicted = [{m.theme for m in match_themes(a, rules)} for a in analysed]
    return per_theme(rules, predicted, truth)


def curve(rules, analysed, truth) -> dict[int, float]:
    """Macro-F1 on the unlabelled rest after officers label N random answers."""
    from consult.analysis.learning import ThemeLearner

    out = {}
    for size in CURVE_SIZES:
        runs = []
        for seed in range(CURVE_REPEATS if size else 1):
            order = list(range(len(analysed)))
            random.Random(seed).shuffle(order)
            train, test = order[:size], order[size:]
            learner = ThemeLearner(rules).fit([(analysed[i], truth[i]) for i in train])
            predicted = [{m.theme for m in learner.predict(analysed[i])} for i in test]
            runs.append(macro_f1(per_theme(rules, predicted, [truth[i] for i in test])))
        out[size] = round(sum(runs) / len(runs), 4)
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()
    rules, analysed, truth = load()
    table = rules_only(rules, analysed, truth)
    print(f"{len(analysed)} answers, {len(rules)} codebook themes\n")
    print(f"{'theme':14} {'precision':>9} {'recall':>7} {'F1':>6}")
    for key, s in table.items():
        print(f"{key:14} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}")
    print(f"\nmacro-F1 (codebook rules): {macro_f1(table):.3f}")
    print(
        "\nmacro-F1 on the rest, by officer-labelled answers "
        f"(mean of {CURVE_REPEATS} random draws):"
    )
    for size, score in curve(rules, analysed, truth).items():
        print(f"  {size:4} labelled: {score:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
