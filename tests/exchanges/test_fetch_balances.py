"""Balances and prices come back exact, from a server that checks every signature."""

from __future__ import annotations

from decimal import Decimal

from tests.exchange_server import Account, ExchangeServer
from tests.refresh_values import refreshed
from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter


def test_fetch_balances_returns_exact_decimal_amounts(
    adapter: SpotV3Adapter, creds: ApiCredentials
) -> None:
    assert adapter.fetch_balances(creds) == Holdings((
        AssetAmount("BTC", Decimal("0.5"), Decimal("0")),
        AssetAmount("ETH", Decimal("1.25"), Decimal("0.75")),
        AssetAmount("USDT", Decimal("1000.12345678"), Decimal("0")),
    ))


def test_fetch_prices_returns_the_whole_ticker_as_decimals(
    adapter: SpotV3Adapter, account: Account
) -> None:
    assert adapter.fetch_prices() == {
        "BTCUSDT": Decimal("65000.10"),
        "ETHUSDT": Decimal("3000"),
        "ETHBTC": Decimal("0.046"),
    }


def test_balances_and_prices_value_the_account_in_usd(
    adapter: SpotV3Adapter, creds: ApiCredentials
) -> None:
    valued = refreshed(adapter.fetch_balances(creds), adapter.fetch_prices())
    assert [(asset, v.usd_value) for asset, v in valued.items()] == [
        ("BTC", Decimal("32500.05000000")),
        ("ETH", Decimal("6000.00000000")),
        ("USDT", Decimal("1000.12345678")),
    ]


def test_requests_carry_the_key_header_and_never_the_secret(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, account: Account, creds: ApiCredentials
) -> None:
    adapter.check_credentials(creds)
    adapter.fetch_balances(creds)
    adapter.fetch_prices()
    requests = exchange_server.requests
    assert requests
    for request in requests:
        assert account.secret not in request.text
    for request in exchange_server.requests_to("/api/v3/account"):
        assert request.headers[exchange_server.flavour.key_header] == account.api_key
        assert list(request.params)[-3:] == ["recvWindow", "timestamp", "signature"]


def test_binance_asks_to_omit_zero_balances(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    account = binance_server.add_account(balances={"BTC": "1", "DUST": "0", "LOCKED": ("0", "2")})
    creds = ApiCredentials(account.api_key, account.secret)
    assert [a.asset for a in binance_adapter.fetch_balances(creds)] == ["BTC", "LOCKED"]
    (request,) = binance_server.requests_to("/api/v3/account")
    assert request.params["omitZeroBalances"] == "true"


def test_mexc_sends_zero_balances_and_they_are_dropped(
    mexc_server: ExchangeServer, mexc_adapter: SpotV3Adapter
) -> None:
    account = mexc_server.add_account(balances={"BTC": "1", "DUST": "0"})
    creds = ApiCredentials(account.api_key, account.secret)
    assert [a.asset for a in mexc_adapter.fetch_balances(creds)] == ["BTC"]
    (request,) = mexc_server.requests_to("/api/v3/account")
    assert "omitZeroBalances" not in request.params


def test_empty_account_has_no_balances(
    exchange_server: ExchangeServer, adapter: SpotV3Adapter
) -> None:
    account = exchange_server.add_account()
    assert adapter.fetch_balances(ApiCredentials(account.api_key, account.secret)) == Holdings(())
