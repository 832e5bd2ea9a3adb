"""Who responded against who lives here, one characteristic at a time.

Counts come from the monitoring table (aggregates only) and go through
disclosure control before anything is shown: each characteristic is a table
of its categories, the people who gave none of them ("prefer not to say", no
answer, or no monitoring form), the subtotal who did, and the number of
responses (public elsewhere). Shares are of the people who gave a category;
a group is flagged under-represented only when what is published proves it,
so the flag never tells more than the figures.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from .characteristics import FIELDS, NAMES, categories
from .disclosure import SMALL, WITHHELD, Figure, Sums, protect
from .linked import People, load_people


def margin() -> float:
    """How far (in percentage points) below the population a group's share may
    fall before it is flagged."""
    return float(getattr(settings, "EQUALITIES_REPRESENTATION_MARGIN", 3))


@dataclass
class GroupRow:
    category: str
    figure: Figure
    share: float | None  # of respondents who gave a category, 0 to 100
    population: float | None  # 0 to 100
    under: bool | None  # None: cannot be said without telling more

    @property
    def difference(self) -> float | None:
        if self.share is None or self.population is None:
            return None
        return round(self.share - self.population, 1)


@dataclass
class CharacteristicProfile:
    field: str
    rows: list[GroupRow]
    answered: Figure
    not_given: Figure
    total: int
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return NAMES[self.field]

    @property
    def under_represented(self) -> list[GroupRow]:
        return [r for r in self.rows if r.under]


def main_round_counts(people: People) -> tuple[int, dict[str, Counter]]:
    """Responses to the main round, and each characteristic's answer counts
    (over the same joined people the comparisons count, so that every table
    on the page is about one set of people)."""
    counts = {f: Counter(people.answers(f).values()) for f in FIELDS}
    return people.total, counts


def characteristic_profile(
    field_: str, counts: Counter, total: int, population: dict[str, float]
) -> CharacteristicProfile:
    cats = categories(field_)
    values = [counts.get(c, 0) for c in cats]
    answered = sum(values)
    k = len(cats)
    # Entries: categories, not given, answered, total responses (public).
    table = Sums(
        [*values, max(total - answered, 0), answered, max(total, answered)],
        [(tuple(range(k)), k + 1), ((k + 1, k), k + 2)],
        public={k + 2},
        exempt={k},
    )
    figures = protect(table)
    answered_figure = figures[k + 1]
    rows = []
    for i, category in enumerate(cats):
        pop = population.get(category)
        pop = None if pop is None else round(100 * pop, 1)
        rows.append(
            GroupRow(
                category=category,
                figure=figures[i],
                share=_share(figures[i], answered_figure),
                population=pop,
                under=_under(figures[i], answered_figure, pop),
            )
        )
    return CharacteristicProfile(
        field_, rows, answered_figure, figures[k], table.values[-1]
    )


def _share(figure: Figure, answered: Figure) -> float | None:
    if figure.hidden or answered.hidden or not answered.value:
        return None
    return round(100 * figure.value / answered.value, 1)


def _under(figure: Figure, answered: Figure, population: float | None):
    """True or False when the published figures prove it; None otherwise."""
    if population is None or answered.hidden or not answered.value:
        return None
    low, high = {
        "": (figure.value, figure.value),
        SMALL: (0, figure.limit - 1),
        WITHHELD: (figure.limit, answered.value),
    }.get(figure.hidden, (0, answered.value))
    line = population - margin()
    if 100 * high / answered.value < line:
        return True
    if 100 * low / answered.value >= line:
        return False
    return None


def respondent_profile(
    consultation, population=None, *, people: People | None = None
) -> list[CharacteristicProfile]:
    """Every characteristic's protected profile beside the population's shares."""
    if people is None:
        people = load_people(consultation.main_round)
    total, counts = main_round_counts(people)
    return [
        characteristic_profile(
            f, counts[f], total, population.shares(f) if population else {}
        )
        for f in FIELDS
    ]
