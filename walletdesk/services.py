"""The composition root's product: every service built once, lazily, on first use.

Nothing here imports SQLAlchemy, httpx, keyring or authlib at module import time, so the
GUI can paint its first frame (from the read model) before any of them load.

The GUI asks for services from the GUI thread and from worker threads at once, so each
part is built under its own lock: two threads asking for one part get the same object,
and a slow part (opening the database) does not hold up another (the session).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar, cast

from walletdesk.paths import AppPaths

if TYPE_CHECKING:
    from walletdesk.controllers.backup import BackupController
    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.controllers.currency import CurrencyController
    from walletdesk.controllers.history import HistoryController
    from walletdesk.controllers.master_key import MasterKeyProvider, PasswordPrompt
    from walletdesk.controllers.portfolio import PortfolioController
    from walletdesk.controllers.session import SessionController
    from walletdesk.core.models import User
    from walletdesk.exchanges.http import RetryPolicy, Timeouts
    from walletdesk.exchanges.registry import ExchangeRegistry
    from walletdesk.security.vault import Vault
    from walletdesk.store.database import Database

T = TypeVar("T")


@dataclass(frozen=True)
class ServiceSettings:
    """What the composition root reads besides the data folder; the defaults are the app's.

    ``environ`` supplies the ``WALLETDESK_*`` variables (base URLs, master key, sign-in);
    ``main`` passes the master key it took out of the process environment this way.
    ``retry_policy`` and ``timeouts`` replace the exchanges' defaults. ``user`` acts for that
    user instead of asking the session who is signed in (a tool acting for several users).
    """

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    retry_policy: RetryPolicy | None = None
    timeouts: Timeouts | None = None
    user: User | None = None


class _Once:
    """Values built at most once each, by name, safely from any thread."""

    def __init__(self) -> None:
        self.built: dict[str, object] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, name: str, build: Callable[[], T]) -> T:
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:  # held while building: a second caller waits, then finds the value
            if name not in self.built:
                self.built[name] = build()
            return cast(T, self.built[name])


class Services:
    """Builds the store, vault, exchange registry and controllers once each."""

    def __init__(self, paths: AppPaths, settings: ServiceSettings | None = None) -> None:
        self.paths = paths
        self.settings = settings or ServiceSettings()
        self._shared = _Once()  # store, vault, exchanges: shared with ``acting_for`` copies
        self._own = _Once()
        self._owns_shared = True
        self.password_prompt: PasswordPrompt | None = None  # set by the front end

    @property
    def key_environment(self) -> Mapping[str, str]:
        """Where WALLETDESK_MASTER_KEY is read."""
        return self.settings.environ

    def acting_for(self, user: User) -> Services:
        """Controllers that act for ``user`` over this store, vault and exchanges."""
        other = Services(self.paths, replace(self.settings, user=user))
        other._shared = self._shared
        other._owns_shared = False
        other.password_prompt = self.password_prompt
        return other

    # --- shared parts --------------------------------------------------------------------

    @property
    def database(self) -> Database:
        from walletdesk.store.database import open_database

        return self._shared.get("database", lambda: open_database(self.paths.database))

    @property
    def master_key(self) -> MasterKeyProvider:
        def build() -> MasterKeyProvider:
            from walletdesk.controllers.master_key import MasterKeyProvider
            from walletdesk.security.master_key import ENV_VAR

            return MasterKeyProvider(lambda: self.database,
                                     self.key_environment.get(ENV_VAR) or None,
                                     lambda: self.password_prompt)

        return self._shared.get("master_key", build)

    @property
    def vault(self) -> Vault:
        def build() -> Vault:
            from walletdesk.security.vault import Vault

            return Vault(self.master_key)

        return self._shared.get("vault", build)

    @property
    def backups(self) -> BackupController:
        def build() -> BackupController:
            from walletdesk.controllers.backup import BackupController
            from walletdesk.controllers.master_key import MasterKeyProvider
            from walletdesk.security.master_key import ENV_VAR

            def keys_of(db: Database) -> MasterKeyProvider:
                return MasterKeyProvider(lambda: db, self.key_environment.get(ENV_VAR) or None,
                                         lambda: self.password_prompt)

            return BackupController(self.paths.database, keys_of, self._release_database)

        return self._shared.get("backups", build)

    def _release_database(self) -> None:
        """Before the database file is replaced: close its connections (the engine reopens
        on next use) and forget the master key held for it."""
        if "database" in self._shared.built:
            self.database.engine.dispose()
        if "vault" in self._shared.built:
            self.vault.forget_key()

    @property
    def exchanges(self) -> ExchangeRegistry:
        def build() -> ExchangeRegistry:
            from walletdesk.exchanges.registry import default_registry

            s = self.settings
            return default_registry(s.environ, policy=s.retry_policy, timeouts=s.timeouts)

        return self._shared.get("exchanges", build)

    # --- controllers ---------------------------------------------------------------------

    @property
    def session(self) -> SessionController:
        def build() -> SessionController:
            from walletdesk.controllers.session import SessionController

            return SessionController(self.paths, lambda: self.database,
                                     environ=self.settings.environ)

        return self._shared.get("session", build)

    def current_user(self) -> User:
        """The signed-in user, or the local profile; raises AuthError when signed out."""
        pinned = self.settings.user
        return self.session.current_user() if pinned is None else pinned

    @property
    def credentials(self) -> CredentialsController:
        def build() -> CredentialsController:
            from walletdesk.controllers.credentials import CredentialsController

            return CredentialsController(self.database, self.vault, self.exchanges,
                                         self.current_user)

        return self._own.get("credentials", build)

    @property
    def portfolio(self) -> PortfolioController:
        def build() -> PortfolioController:
            from walletdesk.controllers.portfolio import PortfolioController

            return PortfolioController(self.database, self.vault, self.exchanges,
                                       self.current_user)

        return self._own.get("portfolio", build)

    @property
    def currency(self) -> CurrencyController:
        def build() -> CurrencyController:
            from walletdesk.controllers.currency import CurrencyController

            return CurrencyController(self.database, self.vault, self.exchanges,
                                      self.current_user)

        return self._own.get("currency", build)

    @property
    def history(self) -> HistoryController:
        def build() -> HistoryController:
            from walletdesk.controllers.history import HistoryController

            return HistoryController(self.database, self.current_user)

        return self._own.get("history", build)

    def close(self) -> None:
        if not self._owns_shared:
            return
        built = self._shared.built
        if "exchanges" in built:
            self.exchanges.close()
        if "database" in built:
            self.database.close()
