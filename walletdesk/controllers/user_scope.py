"""The user every controller call runs for, with their ``users`` row guaranteed to exist."""

from __future__ import annotations

import threading
from collections.abc import Callable

from walletdesk.core.models import User
from walletdesk.exchanges.registry import ExchangeRegistry
from walletdesk.security.vault import Vault
from walletdesk.store.database import Database
from walletdesk.store.users import UserRepository


class UserScope:
    def __init__(self, database: Database, current_user: Callable[[], User]) -> None:
        self._database = database
        self._current_user = current_user
        self._ensured: set[str] = set()
        self._lock = threading.Lock()

    @property
    def database(self) -> Database:
        return self._database

    def user(self) -> User:
        """The current user (signed-in or local profile); raises AuthError when signed out."""
        user = self._current_user()
        with self._lock:
            if user.id not in self._ensured:
                UserRepository(self._database).ensure(user)
                self._ensured.add(user.id)
        return user


class UserController:
    """What the credential and portfolio use cases share: the current user's scope over the
    database, the vault for their secrets, and the exchanges."""

    def __init__(
        self,
        database: Database,
        vault: Vault,
        exchanges: ExchangeRegistry,
        current_user: Callable[[], User],
    ) -> None:
        self._scope = UserScope(database, current_user)
        self._vault = vault
        self._exchanges = exchanges
