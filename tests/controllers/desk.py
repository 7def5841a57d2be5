"""A desk of real parts: SQLite file, vault, controllers and the test exchanges on loopback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.exchange_server import ExchangeServer
from walletdesk.controllers.credentials import CredentialsController
from walletdesk.controllers.history import HistoryController
from walletdesk.controllers.portfolio import PortfolioController
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.registry import ExchangeRegistry, default_registry
from walletdesk.security.vault import Vault
from walletdesk.store.database import Database, open_database

FAST_RETRIES = RetryPolicy(base_delay=0.01, max_delay=0.02, max_retry_after=1.0, budget=5.0)


@dataclass
class Desk:
    database: Database
    registry: ExchangeRegistry
    credentials: CredentialsController
    portfolio: PortfolioController
    history: HistoryController
    mexc: ExchangeServer
    binance: ExchangeServer


def build_desk(
    db_path: Path,
    mexc: ExchangeServer,
    binance: ExchangeServer,
    key: bytes,
    user: User = LOCAL_USER,
) -> Desk:
    database = open_database(db_path)
    env = {"WALLETDESK_MEXC_BASE_URL": mexc.url, "WALLETDESK_BINANCE_BASE_URL": binance.url}
    registry = default_registry(env, policy=FAST_RETRIES, timeouts=Timeouts(connect=2, read=1.5))
    vault = Vault(lambda *, create: key)
    return Desk(
        database,
        registry,
        CredentialsController(database, vault, registry, lambda: user),
        PortfolioController(database, vault, registry, lambda: user),
        HistoryController(database, lambda: user),
        mexc,
        binance,
    )
