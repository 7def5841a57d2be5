"""Pytest fixtures for sign-in tests: an in-memory keychain and a real OpenID provider.

Import them into a conftest.py or a test module:
``from tests.oidc.fixtures import memory_keyring, oidc, oidc_server``.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.oidc.provider import OidcProvider, ensure_node_modules
from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test that imports this gets a keychain in a dict, never the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
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
