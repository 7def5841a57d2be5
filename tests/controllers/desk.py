"""A desk of real parts, built by the app's own composition root: SQLite file, vault,
controllers, and the test exchanges on loopback with retries and time-outs cut short."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from tests.exchange_server import ExchangeServer
from walletdesk.controllers.credentials import CredentialsController
from walletdesk.controllers.history import HistoryController
from walletdesk.controllers.portfolio import PortfolioController
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.registry import ExchangeRegistry
from walletdesk.paths import resolve_paths
from walletdesk.services import Services, ServiceSettings
from walletdesk.store.database import Database

FAST_RETRIES = RetryPolicy(base_delay=0.01, max_delay=0.02, max_retry_after=1.0, budget=5.0)


def settings_for(servers: dict[str, ExchangeServer], key: bytes, *, user: User | None,
                  timeouts: Timeouts) -> ServiceSettings:
    """The app's settings pointed at ``servers`` (canonical exchange name -> server)."""
    environ = {f"WALLETDESK_{name}_BASE_URL": server.url for name, server in servers.items()}
    environ["WALLETDESK_MASTER_KEY"] = base64.b64encode(key).decode()
    return ServiceSettings(environ=environ, retry_policy=FAST_RETRIES, timeouts=timeouts,
                           user=user)


@dataclass
class Desk:
    services: Services
    mexc: ExchangeServer
    binance: ExchangeServer

    @property
    def database(self) -> Database:
        return self.services.database

    @property
    def registry(self) -> ExchangeRegistry:
        return self.services.exchanges

    @property
    def credentials(self) -> CredentialsController:
        return self.services.credentials

    @property
    def portfolio(self) -> PortfolioController:
        return self.services.portfolio

    @property
    def history(self) -> HistoryController:
        return self.services.history

    def close(self) -> None:
        self.services.close()


def build_desk(
    data_dir: Path,
    mexc: ExchangeServer,
    binance: ExchangeServer,
    key: bytes,
    user: User = LOCAL_USER,
) -> Desk:
    settings = settings_for({"MEXC": mexc, "BINANCE": binance}, key, user=user,
                             timeouts=Timeouts(connect=2, read=1.5))
    return Desk(Services(resolve_paths(str(data_dir)), settings), mexc, binance)
