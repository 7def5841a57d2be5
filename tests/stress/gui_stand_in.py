"""Stands in for the GUI process: holds the database open through the same composition
root (``Services``) and, on worker threads as the window does, keeps reading (ORM and the
first-paint read model), refreshing one exchange and adding keys until stdin closes.

Usage: python -m tests.stress.gui_stand_in EXCHANGE   (environment as for walletdesk)
Prints "ready" once the database is open, then at the end one JSON report:
{"reads", "refreshes", "added": [labels], "errors": [messages], "torn": [descriptions]}.
After stdin closes it refreshes EXCHANGE once more, so the report's last refresh saw the
exchange's final balances.
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from collections import defaultdict
from collections.abc import Callable

from tests.stress.versions import versions_in
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import LOCAL_USER, Portfolio
from walletdesk.logging_setup import configure_logging
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.store.read_model import read_portfolio_snapshot


def torn(portfolio: Portfolio | None, source: str) -> list[str]:
    """A wallet whose balances come from two refreshes, or whose total is not their sum."""
    if portfolio is None:
        return []
    problems = []
    by_exchange = defaultdict(list)
    for balance in portfolio.balances:
        by_exchange[balance.exchange].append(balance)
    for wallet in portfolio.wallets:
        held = by_exchange[wallet.exchange]
        versions = versions_in(b.free for b in held if b.asset.startswith("T"))
        if len(versions) > 1:
            problems.append(f"{source}: {wallet.exchange} mixes refreshes {sorted(versions)}")
        if sum(b.usd_value for b in held) != wallet.total_usd_value:
            problems.append(f"{source}: {wallet.exchange} total is not the sum of its rows")
        if len(held) != wallet.asset_count:
            problems.append(f"{source}: {wallet.exchange} asset count disagrees")
    return problems


def main(exchange: str) -> None:
    paths = resolve_paths()
    configure_logging(paths.log_dir)
    services = Services(paths)
    services.portfolio.portfolio()  # the window's first load through the controllers
    stop = threading.Event()
    lock = threading.Lock()
    report: dict[str, list[str] | int] = {"reads": 0, "refreshes": 0, "added": [],
                                          "errors": [], "torn": []}

    def note(key: str, values: list[str]) -> None:
        with lock:
            report[key] += values  # type: ignore[operator]

    def guarded(step: Callable[[], None]) -> None:
        try:
            step()
        except WalletDeskError as error:
            note("errors", [f"{type(error).__name__}: {error}"])

    def read() -> None:
        note("torn", torn(services.portfolio.portfolio(), "orm"))
        note("torn", torn(read_portfolio_snapshot(paths.database, LOCAL_USER.id), "read model"))
        with lock:
            report["reads"] += 1  # type: ignore[operator]

    def refresh() -> None:
        outcomes = services.portfolio.refresh(exchange)
        note("errors", [f"refresh: {o.error}" for o in outcomes if o.error is not None])
        with lock:
            report["refreshes"] += 1  # type: ignore[operator]

    def add_key(number: int) -> None:
        label = f"gui-{number}"
        try:
            services.credentials.add(exchange="DEMO", api_key="demo-key", secret="demo",
                                     label=label)
            note("added", [label])
        finally:
            stop.wait(0.2)

    def loop(step: Callable[[int], None]) -> None:
        number = 0
        while not stop.is_set():
            guarded(functools.partial(step, number))
            number += 1

    workers = [
        threading.Thread(target=loop, args=(lambda _n: read(),)),
        threading.Thread(target=loop, args=(lambda _n: refresh(),)),
        threading.Thread(target=loop, args=(add_key,)),
    ]
    for worker in workers:
        worker.start()
    print("ready", flush=True)
    sys.stdin.read()
    stop.set()
    for worker in workers:
        worker.join()
    guarded(refresh)
    services.close()
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
