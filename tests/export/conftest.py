"""Fixtures of the export tests: sample balances and golden-file comparison.

Set WALLETDESK_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change
(then read their diff before keeping it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from walletdesk.core.models import Balance

from . import samples

GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def sample_balances() -> list[Balance]:
    return samples.sample_balances()


@pytest.fixture
def golden() -> Callable[[str, bytes], None]:
    def check(name: str, actual: bytes) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("WALLETDESK_UPDATE_GOLDEN") == "1":
            path.write_bytes(actual)
        assert actual == path.read_bytes(), f"{name} differs from its golden file"

    return check
