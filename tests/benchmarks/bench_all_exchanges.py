"""All exchanges at once (issues 13 and 14), run on demand:
python -m tests.benchmarks.bench_all_exchanges

One key on each supported exchange, 250 ms added to every answer of every stand-in:
refreshing all of them takes at most 1.3x the time of refreshing the slowest one alone.
"""

from __future__ import annotations

import base64
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from tests.controllers.desk import FAST_RETRIES
from tests.exchange_server import ExchangeServer
from tests.exchange_server.bitget import BitgetVenue
from tests.exchange_server.bybit import BybitVenue
from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.gate import GateVenue
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.kucoin import KucoinVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.venue import VenueServer
from walletdesk.core.models import LOCAL_USER
from walletdesk.exchanges.catalog import PROFILES
from walletdesk.exchanges.http import Timeouts
from walletdesk.paths import resolve_paths
from walletdesk.services import Services, ServiceSettings

LATENCY = 0.25
REPEATS = 5
PASSPHRASE = "bench pass"

# exchange -> how to open one account on its stand-in; returns (api_key, secret, passphrase)
Opener = Callable[[Any], tuple[str, str, str | None]]
VENUES: dict[str, tuple[type, Opener]] = {
    "KRAKEN": (KrakenVenue, lambda v: _plain(v.add_balances({"XXBT": "0.5", "DOT.S": "3"}))),
    "COINBASE": (CoinbaseVenue, lambda v: _plain(v.add_wallets({"BTC": "0.5", "ETH": "1"}))),
    "OKX": (
        OkxVenue,
        lambda v: _pass(v.add_wallets(PASSPHRASE, trading={"BTC": "1"}, funding={"USDT": "5"})),
    ),
    "BYBIT": (BybitVenue, lambda v: _plain(v.add_wallets(trading={"BTC": "1"}, fund={"ETH": "1"}))),
    "KUCOIN": (
        KucoinVenue,
        lambda v: _pass(v.add_wallets(PASSPHRASE, {"main": {"BTC": "1"}, "trade": {"ETH": "2"}})),
    ),
    "BITGET": (BitgetVenue, lambda v: _pass(v.add_spot(PASSPHRASE, {"BTC": "1"}))),
    "GATE": (GateVenue, lambda v: _plain(v.add_spot({"BTC": "1"}))),
}
SPOT_V3 = {"MEXC": "mexc", "BINANCE": "binance", "BINANCEUS": "binance"}


def _plain(account: Any) -> tuple[str, str, str | None]:
    return account.api_key, account.secret, None


def _pass(account: Any) -> tuple[str, str, str | None]:
    return account.api_key, account.secret, PASSPHRASE


class Bench:
    """Every catalogued exchange on loopback, one key each, in one database."""

    def __init__(self, root: Path, stack: ExitStack) -> None:
        self.servers: list[Any] = []
        env: dict[str, str] = {}
        keys: list[tuple[str, str, str, str | None]] = []
        for profile in PROFILES:
            if profile.is_demo:
                continue
            server: VenueServer[Any] | ExchangeServer
            if profile.name in VENUES:
                venue, opener = VENUES[profile.name]
                server = stack.enter_context(VenueServer(venue))
                api_key, secret, passphrase = opener(server.venue)
            else:
                spot = stack.enter_context(ExchangeServer(SPOT_V3[profile.name]))
                spot.set_prices({"BTCUSDT": "65000"})
                account = spot.add_account(balances={"BTC": "0.5"})
                api_key, secret, passphrase, server = account.api_key, account.secret, None, spot
            env[profile.base_url_variable()] = server.url
            self.servers.append(server)
            keys.append((profile.name, api_key, secret, passphrase))
        environ = {**env, "WALLETDESK_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
        settings = ServiceSettings(
            environ=environ,
            retry_policy=FAST_RETRIES,
            timeouts=Timeouts(connect=2, read=5),
            user=LOCAL_USER,
        )
        services = Services(resolve_paths(str(root)), settings)
        stack.callback(services.close)
        self.portfolio = services.portfolio
        credentials = services.credentials
        for exchange, api_key, secret, passphrase in keys:
            credentials.add(
                exchange=exchange, api_key=api_key, secret=secret, passphrase=passphrase, label=None
            )
        self.exchanges = [exchange for exchange, *_ in keys]

    def set_latency(self, seconds: float) -> None:
        for server in self.servers:
            server.latency = seconds

    def refresh(self, exchange: str | None = None) -> float:
        started = time.perf_counter()
        outcomes = self.portfolio.refresh(exchange)
        elapsed = time.perf_counter() - started
        assert outcomes and all(o.ok for o in outcomes), [str(o.error) for o in outcomes]
        return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        bench = Bench(Path(tmp), stack)
        bench.refresh()  # warm-up: connections, reference data, clock offsets, first wallets
        bench.set_latency(LATENCY)
        alone = {
            name: statistics.median(bench.refresh(name) for _ in range(REPEATS))
            for name in bench.exchanges
        }
        together = statistics.median(bench.refresh() for _ in range(REPEATS))
    slowest = max(alone, key=alone.__getitem__)
    for name, seconds in sorted(alone.items(), key=lambda item: item[1]):
        print(f"  {name:<10} alone @250 ms: {seconds * 1000:7.1f} ms")
    print(f"all {len(alone)} exchanges @250 ms: {together * 1000:7.1f} ms")
    print(
        f"ratio to the slowest alone ({slowest}): {together / alone[slowest]:.2f}x "
        "(target <= 1.30x)"
    )


if __name__ == "__main__":
    main()
