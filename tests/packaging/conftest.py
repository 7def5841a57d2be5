"""The bundle tests (marked ``package``) are part of ``make test`` and CI;
``WALLETDESK_TEST_PACKAGE=0 make test`` skips them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.packaging.bundle import bundle_executable

SWITCH = "WALLETDESK_TEST_PACKAGE"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(SWITCH, "1").strip() not in {"0", "false", "no", "off"}:
        return
    skip = pytest.mark.skip(reason=f"{SWITCH}=0: packaging tests (bundle, wheel) skipped")
    for item in items:
        if item.get_closest_marker("package"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def bundle() -> Path:
    """``dist/walletdesk/walletdesk``, built by ``make package`` unless it is up to date."""
    return bundle_executable()
