"""A refresh of 10,000 assets costs well under half a second more than one of 10."""

from __future__ import annotations

import time
from collections.abc import Callable

from walletdesk.store.wallets import WalletRepository

from .builders import T0, many


def best_of(runs: int, job: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_replacing_ten_thousand_balances_is_fast(alice_wallets: WalletRepository) -> None:
    small, large = many(10), many(10_000)
    first_large = many(10_000, salt=1)
    alice_wallets.replace_balances("WARMUP", small, T0)

    ten = best_of(3, lambda: alice_wallets.replace_balances("MEXC", small, T0))
    inserted = best_of(1, lambda: alice_wallets.replace_balances("BINANCE", first_large, T0))
    updated = best_of(3, lambda: alice_wallets.replace_balances("BINANCE", large, T0))
    shrunk = best_of(1, lambda: alice_wallets.replace_balances("BINANCE", small, T0))
    print(f"replace_balances: 10 assets {ten * 1000:.1f} ms; 10,000 new {inserted * 1000:.1f} ms,"
          f" 10,000 updated {updated * 1000:.1f} ms; 10,000 -> 10 {shrunk * 1000:.1f} ms")
    assert max(inserted, updated, shrunk) - ten < 0.5
