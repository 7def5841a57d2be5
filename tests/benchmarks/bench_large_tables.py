"""Large tables through the store and an adapter, run on demand:
python -m tests.benchmarks.bench_large_tables

The correctness of each path is tested in the default suite (tests/store, tests/exchanges,
tests/stress); only the timings live here, so a loaded machine cannot fail a test run.
Targets:

- replacing a wallet of 10,000 balances (new, updated, shrunk to 10) costs < 0.5 s more than
  one of 10;
- the first paint's read model loads 10,000 balances in < 150 ms;
- an exchange account of 10,000 assets is fetched, parsed and valued in < 2 s.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.exchange_server import ExchangeServer
from tests.reference.stored_form import stored_wallet
from tests.refresh_values import refreshed
from tests.store.builders import T0, many
from tests.store.conftest import ALICE
from walletdesk.core.keys import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.mexc import MexcAdapter
from walletdesk.store.database import open_database
from walletdesk.store.read_model import read_portfolio_snapshot
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository


def best_of(runs: int, job: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        timings.append(time.perf_counter() - started)
    return min(timings)


def report(what: str, seconds: float, target: float) -> None:
    verdict = "ok" if seconds <= target else "OVER TARGET"
    print(f"{what:44s} {seconds * 1000:8.1f} ms  (target <= {target * 1000:.0f} ms)  {verdict}")


def store(root: Path) -> None:
    db = open_database(root / "walletdesk.db")
    try:
        UserRepository(db).ensure(ALICE)
        wallets = WalletRepository(db, ALICE.id)
        # In the store's form already, as a refresh hands them over: only the write is timed.
        small, large, first_large = (stored_wallet(many(10)), stored_wallet(many(10_000)),
                                     stored_wallet(many(10_000, salt=1)))
        wallets.replace_wallet("WARMUP", small, T0)
        ten = best_of(3, lambda: wallets.replace_wallet("MEXC", small, T0))
        inserted = best_of(1, lambda: wallets.replace_wallet("BINANCE", first_large, T0))
        updated = best_of(3, lambda: wallets.replace_wallet("BINANCE", large, T0))
        shrunk = best_of(1, lambda: wallets.replace_wallet("BINANCE", small, T0))
        print(f"replace_wallet of 10 assets: {ten * 1000:.1f} ms")
        report("10,000 new, over 10", inserted - ten, 0.5)
        report("10,000 updated, over 10", updated - ten, 0.5)
        report("10,000 -> 10, over 10", shrunk - ten, 0.5)
        wallets.replace_wallet("BINANCE", large, T0)
        report("read model, 10,000 balances (best of 3)",
               best_of(3, lambda: read_portfolio_snapshot(db.path, ALICE.id)), 0.15)
    finally:
        db.close()


def large_account() -> None:
    assets = 10_000
    with ExchangeServer("mexc") as server:
        account = server.add_account(balances={f"A{n}": (f"{n}.12345678", f"0.{n:08d}")
                                               for n in range(1, assets + 1)})
        server.set_prices({f"A{n}USDT": "2" for n in range(1, assets + 1, 2)})
        adapter = MexcAdapter(server.url, policy=RetryPolicy(),
                              timeouts=Timeouts(connect=2, read=10))
        try:
            def fetch_and_value() -> None:
                amounts = adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))
                assert len(refreshed(amounts, adapter.fetch_prices())) == assets

            report("account of 10,000 assets fetched and valued", best_of(1, fetch_and_value),
                   2.0)
        finally:
            adapter.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store(Path(tmp))
    large_account()


if __name__ == "__main__":
    main()
