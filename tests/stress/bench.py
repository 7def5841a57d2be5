"""Controllers of any number of users over one real SQLite file, one vault and one exchange
registry pointed at the keyed test exchanges, with retries and time-outs cut short: the
app's composition root, given test settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from tests.controllers.desk import FAST_RETRIES, settings_for
from tests.exchange_server import ExchangeServer
from tests.stress.keyed_exchange import KeyedExchangeServer
from walletdesk.controllers.credentials import CredentialsController
from walletdesk.controllers.portfolio import PortfolioController
from walletdesk.core.models import User
from walletdesk.exchanges.http import Timeouts
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.store.database import Database
from walletdesk.store.users import UserRepository

# The stand-ins answer from threads of the test's own process, so under CPU load (CI's two
# cores, other suites) a healthy 50 ms answer has been seen to take over 150 ms: the read
# time-out keeps a wide margin over LATENCY, and TIMEOUT's hang (fault_plan) outlasts it.
FAST_TIMEOUTS = Timeouts(connect=1.0, read=0.75)


def user(index: int) -> User:
    return User(id=f"user_stress{index}", email=f"u{index}@example.com", name=None)


@dataclass
class Bench:
    services: Services
    servers: dict[str, KeyedExchangeServer]  # canonical exchange name -> server

    @property
    def database(self) -> Database:
        return self.services.database

    def credentials(self, who: User) -> CredentialsController:
        UserRepository(self.database).ensure(who)
        return self.services.acting_for(who).credentials

    def portfolio(self, who: User) -> PortfolioController:
        UserRepository(self.database).ensure(who)
        return self.services.acting_for(who).portfolio

    def use_timeouts(self, timeouts: Timeouts) -> None:
        """Exchange time-outs from now on (a very large account takes a while to serve)."""
        services = self.services
        services.close()
        self.services = Services(services.paths, replace(services.settings, timeouts=timeouts))

    def close(self) -> None:
        self.services.close()


def build_bench(data_dir: Path, mexc: KeyedExchangeServer,
                binance: KeyedExchangeServer) -> Bench:
    servers: dict[str, ExchangeServer] = {"MEXC": mexc, "BINANCE": binance}
    settings = settings_for(servers, os.urandom(32), user=None, timeouts=FAST_TIMEOUTS)
    # The stress tests refresh hundreds of times a minute against stand-ins that set no limit:
    # pacing by the exchanges' real budgets (a Binance refresh weighs ~325 of 6,000 a minute)
    # would only make them wait, minutes per test. Pacing has its own tests
    # (tests/exchanges/test_pacing.py); here every wait, pacing and back-off, is skipped.
    settings = replace(settings, retry_policy=replace(FAST_RETRIES, sleep=_no_wait))
    return Bench(Services(resolve_paths(str(data_dir)), settings),
                 {"MEXC": mexc, "BINANCE": binance})


def _no_wait(seconds: float) -> None:
    del seconds
