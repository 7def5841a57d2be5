"""Pytest fixtures for sign-in tests: an in-memory keychain and a real OpenID provider.

Import them into a conftest.py or a test module:
``from tests.oidc.fixtures import memory_keyring, oidc, oidc_server`` (``oidc_native``,
``oidc_web`` for one client kind).
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.oidc.provider import CLIENT_KINDS, OidcProvider, ensure_node_modules
from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER, ENV_REDIRECT_URI


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


@pytest.fixture(params=CLIENT_KINDS)
def oidc(
    request: pytest.FixtureRequest, oidc_server: OidcProvider, monkeypatch: pytest.MonkeyPatch
) -> OidcProvider:
    """The provider, reset, and configured for WalletDesk through the environment, once
    with a native client (any loopback port) and once with a web client (one exact
    redirect URI, port included)."""
    return _configured(oidc_server, request.param, monkeypatch)


@pytest.fixture
def oidc_native(oidc_server: OidcProvider, monkeypatch: pytest.MonkeyPatch) -> OidcProvider:
    """The provider with its native client only (RFC 8252: any loopback port)."""
    return _configured(oidc_server, "native", monkeypatch)


@pytest.fixture
def oidc_web(oidc_server: OidcProvider, monkeypatch: pytest.MonkeyPatch) -> OidcProvider:
    """The provider with its Clerk-like web client only (one exact redirect URI)."""
    return _configured(oidc_server, "web", monkeypatch)


def _configured(
    server: OidcProvider, kind: str, monkeypatch: pytest.MonkeyPatch
) -> OidcProvider:
    server.reset()
    server.use(kind)
    monkeypatch.setenv(ENV_ISSUER, server.issuer)
    monkeypatch.setenv(ENV_CLIENT_ID, server.client_id)
    monkeypatch.setenv(ENV_REDIRECT_URI, server.redirect_uri)
    return server
