"""What needs Graphviz's ``dot`` (tests marked ``exe``, docstring examples that draw) fails
when ``dot`` is missing, in CI as anywhere, unless the run opts out with ``--skip-exe`` or
``XBORDER_SKIP_EXE=1``, as the graphviz package's own tests do. This file sits at the
repository root so that it rules the tests, the package's examples and the README alike."""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator

import pytest

from xborder_tree import GraphvizNotFound

SKIP_EXE_ENV = "XBORDER_SKIP_EXE"
"""Set to ``1`` (or pass ``--skip-exe``) to skip, not fail, what needs Graphviz's ``dot``."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--skip-exe",
        action="store_true",
        help="skip the tests and examples that need Graphviz's dot when it is not installed "
        f"(also {SKIP_EXE_ENV}=1); without it they fail",
    )


def _skip_exe(config: pytest.Config) -> bool:
    return bool(config.getoption("--skip-exe")) or os.environ.get(SKIP_EXE_ENV) == "1"


def _no_dot() -> bool:
    return shutil.which("dot") is None


_NO_DOT = (
    "Graphviz 'dot' is not installed: apt-get install graphviz (brew install graphviz), "
    f"or run pytest --skip-exe ({SKIP_EXE_ENV}=1) to skip what needs it"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--skip-exe`` and no ``dot``, the tests marked ``exe`` are skipped."""
    if _no_dot() and _skip_exe(config):
        for item in items:
            if "exe" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=_NO_DOT))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Without the opt-out, a test marked ``exe`` fails at once when ``dot`` is missing."""
    if "exe" in item.keywords and _no_dot() and not _skip_exe(item.config):
        pytest.fail(_NO_DOT, pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A docstring example that runs ``dot`` is skipped, not failed, when the run opted out
    with ``--skip-exe`` and ``dot`` is missing; otherwise it fails like any test."""
    report = yield
    if (
        report.failed
        and call.excinfo is not None
        and _no_dot()
        and _skip_exe(item.config)
        and _graphviz_missing(call.excinfo.value)
    ):
        report.outcome = "skipped"
        report.longrepr = (str(item.path), 0, f"Skipped: {_NO_DOT}")
    return report


def _graphviz_missing(error: BaseException) -> bool:
    failures = getattr(error, "failures", None)  # doctest.MultipleDoctestFailures
    found = [error] if failures is None else list(failures)
    return bool(found) and all(
        isinstance(getattr(one, "exc_info", (None, None))[1], GraphvizNotFound) for one in found
    )
