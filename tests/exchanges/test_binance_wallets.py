"""Binance: spot, funding and Simple Earn flexible and locked, read at once, counted once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchange_server.handler import FLEXIBLE_PATH, FUNDING_PATH, LOCKED_PATH
from walletdesk.core.errors import ExchangeResponseError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter


def parts(adapter: SpotV3Adapter, server: ExchangeServer, **wallets: object) -> dict[
        tuple[str, str], tuple[Decimal, Decimal]]:
    account = server.add_account(balances=wallets.pop("spot", {}))  # type: ignore[arg-type]
    for name, value in wallets.items():
        setattr(account, name, value)
    held = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    return {(a.asset, a.place): (a.free, a.locked) for a in held}


def test_ldbtc_and_its_flexible_position_are_counted_once(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    held = parts(binance_adapter, binance_server, spot={"BTC": "0.1", "LDBTC": "0.5"},
                 flexible=[("BTC", "0.5")])
    assert held == {("BTC", "spot"): (Decimal("0.1"), Decimal("0")),
                    ("BTC", "earn"): (Decimal("0"), Decimal("0.5"))}


def test_ldo_is_a_real_asset_and_stays_as_it_is(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    held = parts(binance_adapter, binance_server, spot={"LDO": "12", "LDUSDT": "5"},
                 flexible=[("USDT", "5")])
    assert held == {("LDO", "spot"): (Decimal("12"), Decimal("0")),
                    ("USDT", "earn"): (Decimal("0"), Decimal("5"))}


def test_locked_earn_is_read_across_every_page(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    positions = [("ETH", "0.01")] * 230 + [("SOL", "3")]
    held = parts(binance_adapter, binance_server, locked_earn=positions)
    assert held == {("ETH", "earn"): (Decimal("0"), Decimal("2.3")),
                    ("SOL", "earn"): (Decimal("0"), Decimal("3"))}
    pages = [r.params["current"] for r in binance_server.requests_to(LOCKED_PATH)]
    assert pages == ["1", "2", "3"]


def test_funding_counts_freeze_and_withdrawing_as_locked_and_is_a_signed_post(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    held = parts(binance_adapter, binance_server,
                 funding={"USDT": ("100", "1", "2", "3"), "BNB": ("0.5", "0", "0", "0")})
    assert held == {("USDT", "funding"): (Decimal("100"), Decimal("6")),
                    ("BNB", "funding"): (Decimal("0.5"), Decimal("0"))}
    (request,) = binance_server.requests_to(FUNDING_PATH)
    assert request.method == "POST"  # the stand-in checked its signature over the body


def test_the_four_wallets_are_read_at_once(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    binance_server.latency = 0.2
    parts(binance_adapter, binance_server, spot={"BTC": "1"})
    assert binance_server.most_in_flight == 4


def test_a_wallet_the_server_does_not_offer_is_skipped_and_spot_still_read(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    binance_server.inject(Fault.RAW, path=FLEXIBLE_PATH, status=404, body=b"Not Found")
    held = parts(binance_adapter, binance_server, spot={"BTC": "1", "LDBTC": "2"},
                 flexible=[("BTC", "2")])
    assert held == {("BTC", "spot"): (Decimal("1"), Decimal("0")),
                    ("LDBTC", "spot"): (Decimal("2"), Decimal("0"))}  # nothing to match it


def test_any_other_failure_of_a_wallet_fails_the_refresh(
    binance_server: ExchangeServer, binance_adapter: SpotV3Adapter
) -> None:
    binance_server.inject(Fault.MALFORMED_JSON, path=LOCKED_PATH)
    with pytest.raises(ExchangeResponseError):
        parts(binance_adapter, binance_server, spot={"BTC": "1"})
