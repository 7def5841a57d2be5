"""Skips for a missing system part: a program or library that a Debian package provides.

Locally, such a test skips with a reason that names the package to install. Under ``CI=true``
this plugin turns those skips into failures, so CI can never pass by skipping what `.ci/run`
should have installed. Every other skip stays a skip: a switch (``WALLETDESK_TEST_PACKAGE=0``),
another platform, a test for a non-root user, a kernel that refuses a mount. A test tells the
two kinds apart by skipping for a missing part only through these helpers.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator
from typing import NoReturn

import pytest

MISSING = "missing system part: "


def missing(part: str, debian_package: str) -> str:
    """The skip reason for ``part``, naming the Debian package that provides it."""
    return f"{MISSING}{part} (Debian: apt-get install {debian_package})"


def skip_missing(part: str, debian_package: str) -> NoReturn:
    pytest.skip(missing(part, debian_package))


def needs_command(command: str, debian_package: str) -> pytest.MarkDecorator:
    """Skip (locally) when ``command`` is not on PATH."""
    return pytest.mark.skipif(shutil.which(command) is None,
                              reason=missing(command, debian_package))


def skip_reason(report: pytest.TestReport) -> str | None:
    """The reason of a skip report; None for other outcomes and for xfails."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return None
    if isinstance(report.longrepr, tuple):  # (path, line, "Skipped: reason")
        return report.longrepr[2]
    return str(report.longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    reason = skip_reason(report)
    if os.environ.get("CI") and reason is not None and MISSING in reason:
        report.outcome = "failed"
        report.longrepr = (f"CI=true and a system part is missing, so this test did not run. "
                           f".ci/run must install it.\n{reason}")
    return report
