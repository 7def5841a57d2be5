"""Refresh speed (issue 3), run on demand: python -m tests.benchmarks.bench_refresh

1. 8 credentials vs 1, each exchange answer delayed 250 ms: target ratio <= 1.3x.
2. One account of 10,000 assets vs one of 10 (parse, value, persist): target <= +0.5 s.
Both measured in the same run against the signature-checking test exchange on loopback.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.controllers.desk import Desk, build_desk
from tests.exchange_server import ExchangeServer

LATENCY = 0.25
REPEATS = 5


def timed_refresh(desk: Desk) -> float:
    started = time.perf_counter()
    outcomes = desk.portfolio.refresh()
    elapsed = time.perf_counter() - started
    assert outcomes and all(o.ok for o in outcomes), [str(o.error) for o in outcomes]
    return elapsed


@contextmanager
def desk_with_keys(keys: int, assets: int) -> Iterator[tuple[Desk, ExchangeServer, ExchangeServer]]:
    """A desk over a temporary data folder with ``keys`` MEXC keys of ``assets`` assets each,
    and the MEXC and Binance stand-ins it talks to; all closed and removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        mexc, binance = ExchangeServer("mexc").start(), ExchangeServer("binance").start()
        desk = build_desk(Path(tmp), mexc, binance, os.urandom(32))
        try:
            balances = {f"A{i:05d}": f"{i + 1}.12345678" for i in range(assets)}
            prices = {f"A{i:05d}USDT": "1.5" for i in range(0, assets, 2)} | {"BTCUSDT": "65000"}
            mexc.set_prices(prices)
            for index in range(keys):
                account = mexc.add_account(balances=balances)
                desk.credentials.add(exchange="mexc", api_key=account.api_key,
                                     secret=account.secret, label=f"key {index}")
            yield desk, mexc, binance
        finally:
            desk.close()
            mexc.stop()
            binance.stop()


def median_refresh(keys: int, assets: int, latency: float) -> float:
    with desk_with_keys(keys, assets) as (desk, mexc, _):
        timed_refresh(desk)  # warm-up: connections, clock offset, first wallet insert
        mexc.latency = latency
        return statistics.median(timed_refresh(desk) for _ in range(REPEATS))


def main() -> None:
    one = median_refresh(keys=1, assets=10, latency=LATENCY)
    eight = median_refresh(keys=8, assets=10, latency=LATENCY)
    print(f"refresh 1 credential  @250 ms: {one * 1000:7.1f} ms")
    print(
        f"refresh 8 credentials @250 ms: {eight * 1000:7.1f} ms   ratio {eight / one:.2f}x "
        "(target <= 1.30x)"
    )
    small = median_refresh(keys=1, assets=10, latency=0.0)
    large = median_refresh(keys=1, assets=10_000, latency=0.0)
    print(f"refresh 10 assets:     {small * 1000:7.1f} ms")
    print(
        f"refresh 10,000 assets: {large * 1000:7.1f} ms   extra {large - small:.3f} s "
        "(target <= 0.500 s)"
    )


if __name__ == "__main__":
    main()
