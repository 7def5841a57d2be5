"""Controllers of any number of users over one real SQLite file, one vault and one exchange
registry pointed at the keyed test exchanges, with retries and time-outs cut short."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tests.controllers.desk import FAST_RETRIES
from tests.stress.keyed_exchange import KeyedExchangeServer
from walletdesk.controllers.credentials import CredentialsController
from walletdesk.controllers.portfolio import PortfolioController
from walletdesk.core.models import User
from walletdesk.exchanges.http import Timeouts
from walletdesk.exchanges.registry import ExchangeRegistry, default_registry
from walletdesk.security.vault import Vault
from walletdesk.store.database import Database, open_database
from walletdesk.store.users import UserRepository

FAST_TIMEOUTS = Timeouts(connect=1.0, read=0.15)


def user(index: int) -> User:
    return User(id=f"user_stress{index}", email=f"u{index}@example.com", name=None)


@dataclass
class Bench:
    database: Database
    registry: ExchangeRegistry
    vault: Vault
    servers: dict[str, KeyedExchangeServer]  # canonical exchange name -> server
    key: bytes = field(repr=False)

    def credentials(self, who: User) -> CredentialsController:
        UserRepository(self.database).ensure(who)
        return CredentialsController(self.database, self.vault, self.registry, lambda: who)

    def portfolio(self, who: User) -> PortfolioController:
        UserRepository(self.database).ensure(who)
        return PortfolioController(self.database, self.vault, self.registry, lambda: who)

    def use_timeouts(self, timeouts: Timeouts) -> None:
        """Exchange time-outs from now on (a very large account takes a while to serve)."""
        self.registry.close()
        env = {f"WALLETDESK_{name}_BASE_URL": server.url for name, server in self.servers.items()}
        self.registry = default_registry(env, policy=FAST_RETRIES, timeouts=timeouts)

    def close(self) -> None:
        self.registry.close()
        self.database.close()


def build_bench(path: Path, mexc: KeyedExchangeServer, binance: KeyedExchangeServer) -> Bench:
    key = os.urandom(32)
    bench = Bench(
        database=open_database(path),
        registry=default_registry({}),
        vault=Vault(lambda *, create: key),
        servers={"MEXC": mexc, "BINANCE": binance},
        key=key,
    )
    bench.use_timeouts(FAST_TIMEOUTS)
    return bench
