import pytest

from consult.accounts.roles import Role
from tests.consult.analysis.factories import person
from tests.consult.reports.factories import random_world


@pytest.fixture
def world(db):
    """Sixty varied responses, some withdrawn or changed."""
    return random_world(60, seed=11)


@pytest.fixture
def officer(db):
    return person("officer@example.org", Role.OFFICER)


@pytest.fixture
def lead(world):
    return person("lead@example.org", Role.PROJECT_LEAD, leads=[world.consultation])


@pytest.fixture
def other_lead(db):
    from tests.cms.factories import ConsultationFactory

    return person(
        "other.lead@example.org", Role.PROJECT_LEAD, leads=[ConsultationFactory()]
    )
