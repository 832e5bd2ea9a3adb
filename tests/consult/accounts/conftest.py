import pytest
from django.core.cache import cache

from consult.accounts.roles import Role
from tests.consult.accounts.factories import user_with_role


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return user_with_role(None, totp=True, is_superuser=True, is_staff=True)


@pytest.fixture
def officer(db):
    return user_with_role(Role.OFFICER, totp=True)


@pytest.fixture
def lead(db):
    return user_with_role(Role.PROJECT_LEAD, totp=True)
