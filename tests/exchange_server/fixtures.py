"""Pytest fixtures for the test exchange; import them into a conftest.py:

from tests.exchange_server.fixtures import binance_server, exchange_server, mexc_server
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.exchange_server.server import ExchangeServer


@pytest.fixture
def mexc_server() -> Iterator[ExchangeServer]:
    with ExchangeServer("mexc") as server:
        yield server


@pytest.fixture
def binance_server() -> Iterator[ExchangeServer]:
    with ExchangeServer("binance") as server:
        yield server


@pytest.fixture(params=["mexc", "binance"])
def exchange_server(request: pytest.FixtureRequest) -> Iterator[ExchangeServer]:
    """Each test using it runs once against each flavour."""
    with ExchangeServer(request.param) as server:
        yield server
