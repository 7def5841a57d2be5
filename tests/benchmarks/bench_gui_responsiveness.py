"""GUI responsiveness (issue 4), run on demand: python -m tests.benchmarks.bench_gui_responsiveness

1. Sorting and filtering the 10,000-row balances view, each step timed until the view has
   processed the change and repainted. Target: every step <= 50 ms.
2. A refresh of 8 keys (4 MEXC, 4 Binance) against the test exchanges answering with 250 ms
   latency: the longest gap between ticks of a 10 ms QTimer on the GUI thread, from the
   click to the reloaded portfolio. Target <= 50 ms.
"""

from __future__ import annotations

import base64
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.exchange_server import ExchangeServer
from tests.ui.seeding import seed, synthetic
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.models.balance_columns import COLUMNS
from walletdesk.ui.presenters.desk_presenter import DeskPresenter
from walletdesk.ui.views.desk_view import BALANCES_TAB

TARGET_MS = 50.0
LATENCY = 0.25
ASSETS_PER_KEY = 40


def settle(app: QApplication) -> None:
    """Let the view lay out and paint what changed."""
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    app.sendPostedEvents()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def timed(app: QApplication, step: Callable[[], None]) -> float:
    started = time.perf_counter()
    step()
    settle(app)
    return (time.perf_counter() - started) * 1000


def wait_for(app: QApplication, done: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def open_desk(app: QApplication, data_dir: Path) -> DeskPresenter:
    desk = build_window(Services(resolve_paths(str(data_dir))))
    desk.window.resize(1000, 700)
    desk.window.show()
    loaded: list[bool] = []
    desk.loaded.connect(lambda: loaded.append(True))
    desk.start()
    wait_for(app, lambda: bool(loaded))
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    settle(app)
    return desk


def sort_and_filter(app: QApplication, root: Path) -> float:
    data_dir = root / "sorting"
    balances = synthetic(10_000)
    seed(data_dir / "walletdesk.db", {"MEXC": balances[:5000], "BINANCE": balances[5000:]})
    desk = open_desk(app, data_dir)
    view = desk.window.desk.balances
    assert desk.balances.model.rowCount() == 10_000
    steps: list[tuple[str, Callable[[], None]]] = []
    for column, header in enumerate(c.header for c in COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            name = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
            steps.append((f"sort {header} {name}",
                          partial(view.table.sortByColumn, column, order)))

    def hide_dust_under_50000() -> None:
        view.dust.setText("50000")
        view.hide_dust.setChecked(True)

    steps += [  # each change of the search text applies the filter (textChanged)
        ("search 'A0'", partial(view.search.setText, "A0")),
        ("search 'A012'", partial(view.search.setText, "A012")),
        ("clear search", partial(view.search.setText, "")),
        ("exchange Binance", lambda: view.exchange.setCurrentIndex(
            view.exchange.findData("BINANCE"))),
        ("hide under $50,000", hide_dust_under_50000),
        ("all exchanges", lambda: view.exchange.setCurrentIndex(0)),
        ("show dust again", lambda: view.hide_dust.setChecked(False)),
        ("exchange MEXC", lambda: view.exchange.setCurrentIndex(
            view.exchange.findData("MEXC"))),
        ("sort Asset asc, filtered", lambda: view.table.sortByColumn(
            0, Qt.SortOrder.AscendingOrder)),
        ("sort USD value desc, filtered", lambda: view.table.sortByColumn(
            5, Qt.SortOrder.DescendingOrder)),
    ]
    worst = 0.0
    for name, step in steps:
        ms = timed(app, step)
        worst = max(worst, ms)
        print(f"  {name:32s} {ms:6.1f} ms")
    desk.window.close()
    return worst


def refresh_gap(app: QApplication, root: Path) -> float:
    data_dir = root / "refresh"
    with ExitStack() as stack:
        servers = [stack.enter_context(ExchangeServer(flavour, latency=LATENCY))
                   for flavour in ("mexc", "binance")]
        services = Services(resolve_paths(str(data_dir)))
        for server, name in zip(servers, ("MEXC", "BINANCE"), strict=True):
            os.environ[f"WALLETDESK_{name}_BASE_URL"] = server.url
            prices = {f"A{i:05d}USDT": f"{i % 97 + 1}.25" for i in range(4 * ASSETS_PER_KEY)}
            server.set_prices(prices)
            for key in range(4):
                assets = {f"A{key * ASSETS_PER_KEY + i:05d}": f"{i + 1}.12345678"
                          for i in range(ASSETS_PER_KEY)}
                account = server.add_account(balances=assets)
                services.credentials.add(exchange=name, api_key=account.api_key,
                                         secret=account.secret, label=f"key {key}")
        services.close()
        desk = open_desk(app, data_dir)
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        loaded: list[bool] = []
        desk.loaded.connect(lambda: loaded.append(True))
        timer.start()
        started = time.perf_counter()
        desk.window.commands.refresh.trigger()
        wait_for(app, lambda: bool(loaded) and not desk.refresh.running)
        settle(app)
        timer.stop()
        elapsed = time.perf_counter() - started
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        print(f"  refresh of 8 keys took {elapsed * 1000:.0f} ms; {len(ticks)} ticks; "
              f"{desk.balances.model.rowCount()} balances; status: {desk.status.text()!r}")
        assert desk.balances.model.rowCount() == 8 * ASSETS_PER_KEY
        desk.window.close()
        return max(gaps, default=0.0)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WALLETDESK_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("WalletDesk-benchmark")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(root / "qsettings"))
        print("sorting and filtering 10,000 balances:")
        worst = sort_and_filter(app, root)
        print(f"slowest sort/filter step: {worst:.1f} ms (target <= {TARGET_MS:.0f} ms) "
              f"{'ok' if worst <= TARGET_MS else 'OVER TARGET'}")
        print("refresh of 8 keys at 250 ms latency:")
        gap = refresh_gap(app, root)
        print(f"longest GUI-thread stall: {gap:.1f} ms (target <= {TARGET_MS:.0f} ms) "
              f"{'ok' if gap <= TARGET_MS else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
