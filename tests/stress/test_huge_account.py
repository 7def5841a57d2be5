"""An account of 100,000 assets with non-ASCII symbols goes through the real adapter,
pricing and store: every row stored exactly, the total the sum of the rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.stress.bench import Bench, user
from tests.stress.fleet import add_keys
from tests.stress.rows import amounts, query
from tests.stress.tally import count
from walletdesk.exchanges.http import Timeouts

ASSETS = 100_000
SCRIPTS = ("", "币", "É", "Д", "ع")


def holdings() -> dict[str, tuple[str, str]]:
    return {f"{SCRIPTS[i % len(SCRIPTS)]}A{i:06d}": (f"{i}.{i % 10**8:08d}", "0.00000001")
            for i in range(ASSETS)}


@pytest.mark.parametrize("exchange", ["MEXC", "BINANCE"])
def test_a_hundred_thousand_assets_are_stored_exactly(bench: Bench, exchange: str) -> None:
    (key,) = add_keys(bench, [(user(0), exchange)])
    bench.use_timeouts(Timeouts(connect=2.0, read=20.0))
    held = holdings()
    key.account.set_balances(dict(held))
    bench.servers[exchange].set_prices({f"{asset}USDT": "0.5" for asset in list(held)[:1000]})
    count("inputs")
    count("runs")

    (outcome,) = bench.portfolio(user(0)).refresh()

    assert outcome.ok, outcome.error
    stored = amounts(bench.database.path, user(0).id, exchange)
    expected = {asset: (int(Decimal(free) * 10**8), 1) for asset, (free, _) in held.items()}
    assert stored == expected
    ((total, rows_sum),) = query(bench.database.path,
                                 "SELECT w.total_usd_value, sum(b.usd_value) FROM wallets AS w "
                                 "JOIN balances AS b ON b.wallet_id = w.id GROUP BY w.id")
    assert total == rows_sum and int(total) > 0  # type: ignore[call-overload]
