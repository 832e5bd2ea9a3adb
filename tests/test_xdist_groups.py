"""Tests marked with one ``xdist_group`` run on one pytest-xdist process.

pytest-xdist 3.8 groups them by renaming ``item._nodeid``, which pytest 9 no
longer reads; ``tests/conftest.py::_name_groups`` does it so that it holds.
Without it the encoder's shared fixture was fine-tuned once on each process.
"""

pytest_plugins = ["pytester"]

GROUPED = """
import pytest

@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("n", range(6))
def test_grouped(n):
    pass

@pytest.mark.parametrize("n", range(6))
def test_free(n):
    pass
"""

CONFTEST = """
from tests.conftest import _name_groups

def pytest_collection_modifyitems(config, items):
    if getattr(config.option, "loadgroup", False):
        _name_groups(items)
"""


def test_a_group_runs_on_one_process(pytester, request):
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_groups=GROUPED)
    result = pytester.runpytest_subprocess(
        "-n", "2", "--dist", "loadgroup", "-p", "no:django", "-p", "no:randomly",
        "-v", f"--rootdir={pytester.path}",
        "-o", f"pythonpath={request.config.rootpath}",
    )  # fmt: skip
    result.assert_outcomes(passed=12)
    # "[gw0] [  8%] PASSED test_groups.py::test_grouped[0]@one"
    ran = [
        line.split()[0]
        for line in result.outlines
        if line.startswith("[gw") and "PASSED" in line and "::test_grouped" in line
    ]
    assert len(ran) == 6 and len(set(ran)) == 1, result.outlines
