"""The composition root's product: every service built once, lazily, on first use.

Nothing here imports SQLAlchemy, httpx, keyring or authlib at module import time, so the
GUI can paint its first frame (from the read model) before any of them load.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from walletdesk.paths import AppPaths

if TYPE_CHECKING:
    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.controllers.currency import CurrencyController
    from walletdesk.controllers.history import HistoryController
    from walletdesk.controllers.master_key import MasterKeyProvider, PasswordPrompt
    from walletdesk.controllers.portfolio import PortfolioController
    from walletdesk.controllers.session import SessionController
    from walletdesk.core.models import User
    from walletdesk.exchanges.registry import ExchangeRegistry
    from walletdesk.security.vault import Vault
    from walletdesk.store.database import Database


class Services:
    """Builds the store, vault, exchange registry and controllers once each."""

    def __init__(self, paths: AppPaths, environ: Mapping[str, str] | None = None) -> None:
        """``environ``: where WALLETDESK_MASTER_KEY is read (``main`` hands over the value it
        took out of the process environment); os.environ by default."""
        self.paths = paths
        self.key_environment = os.environ if environ is None else environ
        self._lock = threading.RLock()  # cached_property is not thread-safe on its own
        self.password_prompt: PasswordPrompt | None = None  # set by the front end

    @cached_property
    def database(self) -> Database:
        from walletdesk.store.database import open_database

        with self._lock:
            return open_database(self.paths.database)

    @cached_property
    def master_key(self) -> MasterKeyProvider:
        from walletdesk.controllers.master_key import MasterKeyProvider
        from walletdesk.security.master_key import ENV_VAR

        return MasterKeyProvider(lambda: self.database, self.key_environment.get(ENV_VAR) or None,
                                 lambda: self.password_prompt)

    @cached_property
    def vault(self) -> Vault:
        from walletdesk.security.vault import Vault

        with self._lock:
            return Vault(self.master_key)

    @cached_property
    def exchanges(self) -> ExchangeRegistry:
        from walletdesk.exchanges.registry import default_registry

        return default_registry()

    @cached_property
    def session(self) -> SessionController:
        from walletdesk.controllers.session import SessionController

        with self._lock:
            return SessionController(self.paths, lambda: self.database)

    def current_user(self) -> User:
        """The signed-in user, or the local profile; raises AuthError when signed out."""
        return self.session.current_user()

    @cached_property
    def credentials(self) -> CredentialsController:
        from walletdesk.controllers.credentials import CredentialsController

        with self._lock:
            return CredentialsController(
                self.database, self.vault, self.exchanges, self.current_user
            )

    @cached_property
    def portfolio(self) -> PortfolioController:
        from walletdesk.controllers.portfolio import PortfolioController

        with self._lock:
            return PortfolioController(self.database, self.vault, self.exchanges, self.current_user)

    @cached_property
    def currency(self) -> CurrencyController:
        from walletdesk.controllers.currency import CurrencyController

        with self._lock:
            return CurrencyController(self.database, self.vault, self.exchanges,
                                      self.current_user)

    @cached_property
    def history(self) -> HistoryController:
        from walletdesk.controllers.history import HistoryController

        with self._lock:
            return HistoryController(self.database, self.current_user)

    def close(self) -> None:
        if "exchanges" in self.__dict__:
            self.exchanges.close()
        if "database" in self.__dict__:
            self.database.close()
