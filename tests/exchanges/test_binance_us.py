"""Binance US: its own exchange, Binance's protocol on api.binance.us without /sapi."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.exchange_server import ExchangeServer
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.registry import default_registry


@pytest.fixture
def binance_us_server() -> Iterator[ExchangeServer]:
    with ExchangeServer("binanceus") as server:
        yield server


def test_binance_us_refreshes_through_its_own_base_url(binance_us_server: ExchangeServer) -> None:
    account = binance_us_server.add_account(balances={"BTC": "0.5", "USD": ("10", "2.5")})
    registry = default_registry({"WALLETDESK_BINANCEUS_BASE_URL": binance_us_server.url})
    adapter = registry.get("binanceus")
    creds = ApiCredentials(account.api_key, account.secret)
    amounts = {a.asset: (str(a.free), str(a.locked)) for a in adapter.fetch_balances(creds)}
    check = adapter.check_credentials(creds)
    registry.close()
    assert adapter.name == "BINANCEUS"
    assert amounts == {"BTC": ("0.5", "0"), "USD": ("10", "2.5")}
    (first, _) = binance_us_server.requests_to("/api/v3/account")
    assert "omitZeroBalances" not in first.params  # not in Binance US's documented parameters
    assert not binance_us_server.requests_to("/sapi/v1/account/apiRestrictions")
    assert "did not say whether it can trade or withdraw" in check.message
