"""Controllers over a real SQLite file, a real vault and the test exchanges on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.controllers.desk import Desk, build_desk
from tests.exchange_server import ExchangeServer


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with ExchangeServer("mexc") as mexc, ExchangeServer("binance") as binance:
        built = build_desk(tmp_path, mexc, binance, os.urandom(32))
        yield built
        built.close()
