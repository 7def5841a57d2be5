"""Sign-in test set-up: an in-memory keychain, a real OpenID provider, a data dir, a controller.

Every test here gets the in-memory keychain, so nothing ever reaches the developer's real
keychain. The provider (tests/oidc/server.mjs on Node) is started once per session; tests
that use it are marked ``oidc`` and are skipped only when ``node`` is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.oidc.provider import NODE, OidcProvider, ensure_node_modules
from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER
from walletdesk.controllers.session import SessionController
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database, open_database


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    if NODE is None:
        pytest.skip("node is not installed: the sign-in integration tests need Node.js 20")
    ensure_node_modules()
    server = OidcProvider(tmp_path_factory.mktemp("oidc"))
    yield server
    server.stop()


@pytest.fixture
def oidc(oidc_server: OidcProvider, monkeypatch: pytest.MonkeyPatch) -> OidcProvider:
    """The provider, reset, and configured for WalletDesk through the environment."""
    oidc_server.reset()
    monkeypatch.setenv(ENV_ISSUER, oidc_server.issuer)
    monkeypatch.setenv(ENV_CLIENT_ID, oidc_server.client_id)
    return oidc_server


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir=data_dir, log_dir=data_dir / "logs")


@pytest.fixture
def database(paths: AppPaths) -> Iterator[Database]:
    db = open_database(paths.database)
    yield db
    db.close()


@pytest.fixture
def session(paths: AppPaths, database: Database) -> SessionController:
    return SessionController(paths, lambda: database)
