"""Active learning on the development sets: sample-F1 after 5%, 10% and 20% of
the labels, chosen by uncertainty (``consult/analysis/active.py``) against
chosen at random, each scored on the same held-out 50%.

Starts from 2.5% at random, then adds 2.5% at a time: the answers the learner
fitted on the labels so far is least sure of ("least sure"), or half of them
least sure and half at random ("mixed", the usual remedy when doubt alone
picks a narrow, unrepresentative sample early on).
``python tests/eval/active_learning.py`` (needs ../shared/eval-data, like
eval_real.py; ``SB_EVAL_SETS=care`` for the Care Opinion set alone).
"""

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEP = 0.025
CHECKPOINTS = (0.05, 0.10, 0.20)
SEED = 0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.test")
    import django

    django.setup()
    from consult.analysis.codebook_files import read_codebook_csv
    from tests.eval.eval_real import EVAL, SETS

    only = os.environ.get("SB_EVAL_SETS", "nhs care").split()
    for title, path, codebook_name, read in SETS:
        if ("care" if "Care" in title else "nhs") not in only:
            continue
        if not path.exists():
            print(f"{path} is missing: see eval_real.py", file=sys.stderr)
            return 2
        with (EVAL / codebook_name).open() as f:
            rules = read_codebook_csv(f)
        curve(title, rules, read({r.name: r.key for r in rules}))
    return 0


def curve(title, rules, rows) -> None:
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    from consult.analysis.active import least_sure
    from consult.analysis.learning import ThemeLearner
    from consult.analysis.text import analyse_many

    random.Random(SEED).shuffle(rows)
    analysed = analyse_many(t for _, t, _, _ in rows)
    labels = [themes for _, _, themes, _ in rows]
    pool = list(range(len(rows) // 2))
    test = list(range(len(rows) // 2, len(rows)))
    keys = sorted(r.key for r in rules)
    binarizer = MultiLabelBinarizer(classes=keys).fit([keys])

    def score(chosen):
        learner = ThemeLearner(rules).fit([(analysed[i], labels[i]) for i in chosen])
        predicted = learner.predict_many([analysed[i] for i in test])
        f1 = f1_score(
            binarizer.transform([labels[i] & set(keys) for i in test]),
            binarizer.transform([{m.theme for m in p} for p in predicted]),
            average="samples",
            zero_division=0,
        )
        return learner, f1

    step = int(len(rows) * STEP)
    print(f"\n{title}: pool {len(pool)}, scored {len(test)}")
    print("labelled  random  least sure  mixed")
    at_random = pool[:]
    random.Random(SEED + 1).shuffle(at_random)
    active, mixed = at_random[:step], at_random[:step]
    explore = random.Random(SEED + 2)
    for share in [STEP * k for k in range(2, int(max(CHECKPOINTS) / STEP) + 1)]:
        active += _next(score(active)[0], active, pool, analysed, step, least_sure)
        left = [i for i in pool if i not in set(mixed)]
        explored = explore.sample(left, step // 2)
        mixed += explored
        mixed += _next(
            score(mixed)[0], mixed, pool, analysed, step - step // 2, least_sure
        )
        if any(abs(share - c) < 1e-9 for c in CHECKPOINTS):
            n = int(len(rows) * share)
            _, random_f1 = score(at_random[:n])
            _, active_f1 = score(active[:n])
            _, mixed_f1 = score(mixed[:n])
            print(
                f"{share:8.0%}  {random_f1:6.3f}  {active_f1:10.3f}  {mixed_f1:5.3f}",
                flush=True,
            )


def _next(learner, chosen, pool, analysed, limit, least_sure) -> list[int]:
    """The ``limit`` answers of the pool not yet chosen the learner is least sure of."""
    taken = set(chosen)
    left = [i for i in pool if i not in taken]
    return [
        left[j] for j in least_sure(learner, [analysed[i] for i in left], limit=limit)
    ]


if __name__ == "__main__":
    sys.exit(main())
