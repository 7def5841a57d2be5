"""An account with 10,000 assets is read completely and exactly (how fast:
tests/benchmarks/bench_large_tables.py)."""

from __future__ import annotations

from decimal import Decimal

from tests.exchange_server import ExchangeServer
from tests.refresh_values import refreshed
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

ASSETS = 10_000


def test_ten_thousand_assets_parse_and_value_correctly(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    balances = {f"A{n}": (f"{n}.12345678", f"0.{n:08d}") for n in range(1, ASSETS + 1)}
    account = exchange_server.add_account(balances=balances)
    exchange_server.set_prices({f"A{n}USDT": "2" for n in range(1, ASSETS + 1, 2)})

    amounts = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
    valued = refreshed(amounts, adapter.fetch_prices())

    assert len(valued) == ASSETS
    last = valued[f"A{ASSETS}"]
    assert (last.free, last.locked) == (Decimal("10000.12345678"), Decimal("0.00010000"))
    assert (last.usd_value, last.priced) == (Decimal(0), False)  # only odd assets are priced
    first = valued["A1"]
    assert (first.usd_value, first.priced) == (Decimal("2.24691358"), True)
    assert sum(v.priced for v in valued.values()) == ASSETS // 2
