"""The equality evidence to and from JSON, for its stored snapshot.

Only what the page publishes is kept: a hidden figure is stored as its label
alone, without its value, so the snapshot holds no small number."""

from .differences import Comparison, Differences
from .disclosure import Figure
from .impacts import Impact
from .profile import CharacteristicProfile, GroupRow


def figure_to_json(figure: Figure) -> list:
    return [None if figure.hidden else figure.value, figure.hidden, figure.limit]


def figure_from_json(data) -> Figure:
    value, hidden, limit = data
    return Figure(value, hidden, limit)


def to_json(*, population, profiles, differences, impacts) -> dict:
    return {
        "population": (
            {
                "name": population.name,
                "source": population.source,
                "is_illustrative": population.is_illustrative,
            }
            if population
            else None
        ),
        "profiles": [
            {
                "field": p.field,
                "answered": figure_to_json(p.answered),
                "not_given": figure_to_json(p.not_given),
                "total": p.total,
                "rows": [
                    [
                        r.category,
                        figure_to_json(r.figure),
                        r.share,
                        r.population,
                        r.under,
                    ]
                    for r in p.rows
                ],
            }
            for p in profiles
        ],
        "differences": {
            "not_tested": differences.not_tested,
            "comparisons": [
                [
                    c.field,
                    c.category,
                    c.subject,
                    c.kind,
                    c.outcome,
                    list(c.group),
                    list(c.others),
                    c.p_value,
                    c.test,
                    c.adjusted,
                ]
                for c in differences.comparisons
            ],  # fmt: skip
        },
        "impacts": [
            [i.key, i.name, figure_to_json(i.answers), i.quotes] for i in impacts
        ],
    }


class StoredPopulation:
    """What the page says about the population profile compared with."""

    def __init__(self, name, source, is_illustrative):
        self.name, self.source, self.is_illustrative = name, source, is_illustrative


def from_json(data: dict) -> dict:
    population = data.get("population")
    return {
        "population": StoredPopulation(**population) if population else None,
        "profiles": [
            CharacteristicProfile(
                p["field"],
                [
                    GroupRow(category, figure_from_json(f), share, pop, under)
                    for category, f, share, pop, under in p["rows"]
                ],
                figure_from_json(p["answered"]),
                figure_from_json(p["not_given"]),
                p["total"],
            )
            for p in data["profiles"]
        ],
        "differences": Differences(
            [
                Comparison(
                    field,
                    category,
                    subject,
                    kind,
                    outcome,
                    tuple(group),
                    tuple(others),
                    p_value,
                    test,
                    adjusted,
                )
                for (
                    field,
                    category,
                    subject,
                    kind,
                    outcome,
                    group,
                    others,
                    p_value,
                    test,
                    adjusted,
                ) in data["differences"]["comparisons"]
            ],  # fmt: skip
            data["differences"]["not_tested"],
        ),
        "impacts": [
            Impact(key, name, figure_from_json(f), quotes)
            for key, name, f, quotes in data["impacts"]
        ],
    }
