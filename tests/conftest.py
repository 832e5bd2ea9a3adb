"""Shared test set-up: service gating, a real Celery worker, site fixtures.

Integration tests (``@pytest.mark.integration``) need PostgreSQL (DATABASE_URL)
and Redis (CELERY_BROKER_URL). Locally they skip without them; on CI
SB_REQUIRE_SERVICES=1 turns a skip into a failure. Encoder tests
(``@pytest.mark.encoder``) need requirements-encoder.txt, likewise skipped
locally without it and required on CI (SB_REQUIRE_ENCODER=1).
"""

import os

import pytest
from django.conf import settings

# Under pytest-xdist each process has a core of its own: more BLAS or PyTorch
# threads than that only fight the other processes (read when they load).
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("OMP_NUM_THREADS", "1")

REQUIRE_SERVICES = os.environ.get("SB_REQUIRE_SERVICES") == "1"
REQUIRE_ENCODER = os.environ.get("SB_REQUIRE_ENCODER") == "1"


def _services_missing() -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    broker = settings.INTEGRATION_BROKER_URL
    if not broker.startswith("redis://"):
        return "needs Redis: set CELERY_BROKER_URL=redis://..."
    import redis

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {broker} is not answering: {exc}"
    return None


def _encoder_missing() -> str | None:
    from consult.analysis.encoder import EncoderUnavailable, model_dir

    try:
        model_dir()
    except EncoderUnavailable as exc:
        return str(exc)
    return None


def _skip_unless_required(reason: str | None, required: bool, kind: str) -> None:
    if reason:
        if required:
            pytest.fail(f"{kind} test cannot run on CI: {reason}")
        pytest.skip(reason)


def pytest_configure(config):
    """The interface translations, compiled if a .po changed since (as make install)."""
    from consult.translations import compile_stale

    compile_stale()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_blocker
):
    """Test databases are copies of one migrated template (tests/db_template.py)."""
    from tests.db_template import use_migrated_template

    with django_db_blocker.unblock():
        use_migrated_template()


# Long tests first: pytest-xdist hands tests out in collection order, and a
# 50 s test handed out last (the `make run` smoke test, sorted last by name)
# kept one process busy for a minute after the other had finished. Within
# pytest-django's order, which must hold: tests in a rolled-back transaction,
# then transactional ones (their flush empties what the migrations put in the
# database), then those without a database, which may go anywhere, so the
# long ones among them go first of all.
LONG_FIRST = ("slow", "encoder", "browser")


def _long_first(item) -> int:
    for rank, marker in enumerate(LONG_FIRST):
        if item.get_closest_marker(marker):
            return rank
    return len(LONG_FIRST)


def _django_order(item) -> int:
    """pytest-django's order: 0 database, 1 transactional, 2 no database."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker) and any(validate_django_db(marker)[:2])
    if transactional or {"transactional_db", "live_server"} & set(fixtures):
        return 1
    return 0 if marker or "db" in fixtures else 2


def _order(item) -> tuple[int, int]:
    group, rank = _django_order(item), _long_first(item)
    if group == 2 and rank < len(LONG_FIRST):
        group = -1
    return group, rank


@pytest.hookimpl(trylast=True)  # after pytest-django's and tests/browser's hooks
def pytest_collection_modifyitems(config, items):
    """Tests that start Celery workers on the shared Redis broker run on one
    xdist process, one after another: a worker started by one process would
    take the others' tasks. (``make test`` runs them in a process of their own;
    this holds where they are run with the others under ``--dist loadgroup``.)
    Then the long tests go first, as above (a stable sort)."""
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.xdist_group("shared-broker"))
    items.sort(key=_order)
    if getattr(config.option, "loadgroup", False):
        _name_groups(items)


def _name_groups(items) -> None:
    """What pytest-xdist 3.8's loadgroup does, for pytest 9: it gives a grouped
    test the id ``<id>@<group>`` by setting ``item._nodeid``, which pytest 9 no
    longer reads (its ids are ``item._id``), so every group was split up."""
    from _pytest.nodeid import NodeId

    for item in items:
        groups = {
            m.args[0] if m.args else "default" for m in item.iter_markers("xdist_group")
        }
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")


def pytest_runtest_setup(item):
    if item.get_closest_marker("integration"):
        _skip_unless_required(_services_missing(), REQUIRE_SERVICES, "integration")
    if item.get_closest_marker("encoder"):
        _skip_unless_required(_encoder_missing(), REQUIRE_ENCODER, "encoder")


@pytest.fixture
def site_root(db):
    """The demo-free Wagtail tree: a HomePage at the root of the default site."""
    from tests.cms.factories import make_site_tree

    return make_site_tree()


def with_totp(user):
    """Officers and project leads must have TOTP set up to use the site; give it."""
    from allauth.mfa.models import Authenticator

    # The demo seeds TOTP for its officer and lead already: keep theirs.
    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
    )
    return user


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after():
    """A request to /pl/... leaves Polish active in this thread (LocaleMiddleware
    activates, nothing deactivates): put the default back, so that the next
    test's reverse() gives English addresses."""
    yield
    from django.utils import translation

    translation.deactivate()
