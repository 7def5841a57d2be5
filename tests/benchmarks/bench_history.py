"""History speed and size (issue 15), run on demand: python -m tests.benchmarks.bench_history

A 2-year history of 1,000 assets on 3 exchanges, as compaction leaves it: every hourly
refresh of the last 7 days, then one point per day (3 x 891 snapshots, ~890,000 asset rows).
Targets, all measured in this run:

1. first paint (``walletdesk --smoke``) with that history <= 1.05x the same balances
   without history, interleaved;
2. switching the chart's range, or the chosen asset (query + redraw), within 50 ms;
3. a snapshot adds <= 20 ms to storing a 10,000-asset refresh (same wallet write with
   and without the snapshot, interleaved, on a database that already has history);
4. the history tables of (1) take < 100 MB on disk.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from tests.benchmarks.bench_startup import run
from tests.benchmarks.process_env import app_env
from tests.reference.stored_form import storable, stored_wallet
from tests.ui.seeding import seed, synthetic
from walletdesk.core.models import LOCAL_USER
from walletdesk.store import wallets as wallet_module
from walletdesk.store.balance_writes import usd_sum
from walletdesk.store.database import Database, open_database
from walletdesk.store.history import append_snapshot
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
EXCHANGES = ("MEXC", "BINANCE", "DEMO")
ASSETS = 1_000
REPEATS = 11


def history_moments() -> list[datetime]:
    hourly = [NOW - timedelta(hours=h) for h in range(7 * 24)]
    daily = [NOW - timedelta(days=d, hours=1) for d in range(7, 730)]
    return sorted(hourly + daily)


def fill_history(db: Database) -> int:
    """The compacted 2-year history, rows as a refresh snapshots them (append_snapshot)."""
    balances = synthetic(ASSETS)
    per = -(-ASSETS // len(EXCHANGES))
    rows = {name: storable(balances[i * per:(i + 1) * per]) for i, name in enumerate(EXCHANGES)}
    moments = history_moments()
    with db.transaction() as session:
        for at in moments:
            for name in EXCHANGES:
                append_snapshot(session, LOCAL_USER.id, name, at, rows[name],
                                total_usd_units=usd_sum(rows[name]))
    return len(moments) * len(EXCHANGES)


def history_bytes(path: Path) -> int:
    """Pages of the history tables and their indexes (SQLite's dbstat)."""
    with closing(sqlite3.connect(path)) as connection:
        (size,) = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master "
            "WHERE tbl_name IN ('history_snapshots', 'history_balances'))"
        ).fetchone()
    return int(size)


def best_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def first_paint(root: Path, with_history: Path, without: Path) -> dict[str, float]:
    env = app_env(root)
    commands = {name: [sys.executable, "-m", "walletdesk", "--data-dir", str(folder), "--smoke"]
                for name, folder in (("with history", with_history), ("without", without))}
    for command in commands.values():
        run(command, env)
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(REPEATS):
        for name, command in commands.items():
            seconds[name].append(run(command, env).seconds)
    return {name: statistics.median(values) * 1000 for name, values in seconds.items()}


def day_before_ms(database: Path) -> float:
    """Best ms of reading what every wallet held 24 h before (the 24h change column)."""
    from walletdesk.controllers.history import HistoryController

    db = open_database(database)
    try:
        return best_ms(HistoryController(db, lambda: LOCAL_USER).holdings_a_day_before, 5)
    finally:
        db.close()


def switches(database: Path) -> tuple[float, float, float]:
    """Median ms of a range switch and an asset switch, offscreen, on the real widgets."""
    from PySide6.QtWidgets import QApplication

    from walletdesk.controllers.history import HistoryController
    from walletdesk.ui.formatting import Formatter
    from walletdesk.ui.widgets.net_worth_chart import RANGES, NetWorthChart

    app = QApplication.instance() or QApplication([])
    db = open_database(database)
    history = HistoryController(db, lambda: LOCAL_USER)
    chart = NetWorthChart(Formatter())
    chart.resize(900, 400)
    chart.show()
    load_ms = best_ms(lambda: chart.set_points(
        [(p.at, p.total_usd_value) for p in history.portfolio_points()]), 5)
    spans = [span for _label, span in RANGES]
    cycle = iter(range(10**6))

    def switch_range() -> None:
        chart.set_span(spans[next(cycle) % len(spans)])
        chart.grab()

    def switch_asset() -> None:
        asset = f"A{next(cycle) % ASSETS:05d}"
        chart.set_points([(p.at, p.usd_value) for p in history.asset_points(asset)])
        chart.grab()

    chart.set_span(None)
    result = (best_ms(switch_range), best_ms(switch_asset), load_ms)
    chart.close()
    db.close()
    app.processEvents()
    return result


def snapshot_cost(root: Path) -> tuple[float, float]:
    """Median ms of storing a 10,000-asset wallet with and without its snapshot."""
    db = open_database(root / "write" / "walletdesk.db")
    UserRepository(db).ensure(LOCAL_USER)
    repository = WalletRepository(db, LOCAL_USER.id)
    wallet = stored_wallet(synthetic(10_000))
    moments = iter(NOW + timedelta(seconds=s) for s in range(10**6))
    for _ in range(30):  # a wallet that already has history
        repository.replace_wallet("MEXC", wallet, next(moments))
    with_ms, without_ms = [], []
    for _ in range(REPEATS):
        with_ms.append(best_ms(lambda: repository.replace_wallet(
            "MEXC", wallet, next(moments)), 1))
        with mock.patch.object(wallet_module, "snapshot_wallet", lambda *a, **k: 0):
            without_ms.append(best_ms(lambda: repository.replace_wallet(
                "MEXC", wallet, next(moments)), 1))
    db.close()
    return statistics.median(with_ms), statistics.median(without_ms)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        without = root / "without"
        balances = synthetic(ASSETS)
        per = -(-ASSETS // len(EXCHANGES))
        seed(without / "walletdesk.db",
             {name: balances[i * per:(i + 1) * per] for i, name in enumerate(EXCHANGES)},
             updated=NOW)
        with_history = root / "with"
        shutil.copytree(without, with_history)
        db = open_database(with_history / "walletdesk.db")
        started = time.perf_counter()
        snapshots = fill_history(db)
        db.close()
        print(f"history written: {snapshots:,} snapshots in {time.perf_counter() - started:.1f} s")
        size = history_bytes(with_history / "walletdesk.db")
        total = os.path.getsize(with_history / "walletdesk.db")
        print(f"history tables: {size / 1e6:.1f} MB (file {total / 1e6:.1f} MB; target < 100 MB)")
        paint = first_paint(root, with_history, without)
        ratio = paint["with history"] / paint["without"]
        print(f"first paint: {paint['with history']:.0f} ms with history, "
              f"{paint['without']:.0f} ms without: {ratio:.3f}x (target <= 1.05x)")
        range_ms, asset_ms, load_ms = switches(with_history / "walletdesk.db")
        print(f"range switch {range_ms:.1f} ms, asset switch {asset_ms:.1f} ms (target <= 50), "
              f"whole portfolio series loaded {load_ms:.1f} ms")
        print(f"24h change base (read after the first paint): "
              f"{day_before_ms(with_history / 'walletdesk.db'):.1f} ms")
        with_ms, without_ms = snapshot_cost(root)
        print(f"10,000-asset wallet write: {with_ms:.1f} ms with snapshot, {without_ms:.1f} ms "
              f"without: +{with_ms - without_ms:.1f} ms (target <= 20 ms)")


if __name__ == "__main__":
    main()
