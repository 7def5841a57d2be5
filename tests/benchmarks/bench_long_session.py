"""A day-long window session, run on demand: python -m tests.benchmarks.bench_long_session

The window shows 10,000 stored balances and refreshes N times (default 500, a day at one
refresh every three minutes). Each refresh has one healthy key (the demo) and one that the
exchange refuses, so every run leaves an error with its traceback behind, as a bad key does
all day; each refresh is followed by the reload of the whole portfolio.

Run once with the window's ``gc.freeze()`` after each reload and once without it, each in a
process of its own, and compare: memory at the end, objects the collector can no longer
free, and the longest pause of a full (generation 2) collection on the GUI thread.
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from tests.exchange_server import ExchangeServer, Fault
from tests.ui.seeding import seed, synthetic
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.presenters import desk_presenter as desk_module

BALANCES = 10_000


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Pauses:
    """The duration of every generation-2 collection, timed by the collector's callbacks."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.full.append((time.perf_counter() - self._started) * 1000)


def _wait(app: QApplication, done: list[bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not done:
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    done.clear()


def session(refreshes: int, *, freeze: bool) -> dict[str, float]:
    if not freeze:
        desk_module.settle_long_lived_objects = lambda: None  # type: ignore[attr-defined]
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("WalletDesk-benchmark")
    with tempfile.TemporaryDirectory() as tmp, ExchangeServer("mexc") as mexc:
        root = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(root / "qsettings"))
        os.environ["WALLETDESK_MEXC_BASE_URL"] = mexc.url
        paths = resolve_paths(str(root / "data"))
        paths.data_dir.mkdir()
        seed(paths.database, {"BINANCE": synthetic(BALANCES)})
        services = Services(paths)
        services.credentials.add_demo()
        refused = mexc.add_account(balances={"BTC": "1"})
        services.credentials.add(exchange="MEXC", api_key=refused.api_key,
                                 secret=refused.secret, label="refused")
        mexc.inject(Fault.INVALID_KEY, times=None)
        desk = build_window(services)
        loaded: list[bool] = []
        desk.loaded.connect(lambda: loaded.append(True))
        desk.start()
        _wait(app, loaded)
        gc.collect()
        pauses = _Pauses()
        start_rss = _rss_mib()
        started = time.perf_counter()
        for _ in range(refreshes):
            desk.refresh.start()
            _wait(app, loaded)  # the refresh finished and the reload after it showed
        elapsed = time.perf_counter() - started
        full_during_session = len(pauses.full)
        gc.collect()
        result = {
            "refreshes": refreshes,
            "seconds": elapsed,
            "rss_start_mib": start_rss,
            "rss_end_mib": _rss_mib(),
            "frozen_objects": gc.get_freeze_count(),
            "tracked_objects": len(gc.get_objects()),
            "full_collections": full_during_session,
            "median_full_collection_ms": statistics.median(pauses.full or [0.0]),
            "longest_full_collection_ms": max(pauses.full, default=0.0),
            "balances_shown": desk.balances.model.rowCount(),
        }
        desk.window.close()
        return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--refreshes", type=int, default=500)
    parser.add_argument("--one", choices=("freeze", "no-freeze"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WALLETDESK_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    if args.one:
        print(json.dumps(session(args.refreshes, freeze=args.one == "freeze")))
        return
    results = {}
    for mode in ("freeze", "no-freeze"):
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_long_session", "--one", mode,
             "--refreshes", str(args.refreshes)],
            check=True, capture_output=True, text=True).stdout
        results[mode] = json.loads(out.splitlines()[-1])
    keys = list(results["freeze"])
    print(f"{'':28s} {'gc.freeze':>12s} {'no freeze':>12s}")
    for key in keys:
        print(f"{key:28s} {results['freeze'][key]:12.1f} {results['no-freeze'][key]:12.1f}")


if __name__ == "__main__":
    main()
