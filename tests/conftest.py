"""Shared test set-up: headless Qt, a private data dir and a master key per test."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every in-process test gets an in-memory keychain (never the real one); sign-in tests
# also get a real OpenID provider on loopback. Under CI=true, a skip for a missing system
# part is a failure (tests/system_parts.py).
pytest_plugins = ["tests.system_parts", "tests.oidc.fixtures", "tests.other_user"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", "/tmp/walletdesk-hypothesis")

# CI explores the same examples every run, so a red CI always reproduces; locally,
# hypothesis keeps searching new ones.
if os.environ.get("CI"):
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True)
    settings.load_profile("ci")

# A test must never touch the developer's real data, log dir or keychain.
for _name in (
    "WALLETDESK_DATA_DIR",
    "WALLETDESK_MASTER_KEY",
    "WALLETDESK_CLERK_ISSUER",
    "WALLETDESK_CLERK_CLIENT_ID",
    "WALLETDESK_CLERK_REDIRECT_URI",
    "WALLETDESK_MEXC_BASE_URL",
    "WALLETDESK_BINANCE_BASE_URL",
    "WALLETDESK_FX_BASE_URL",
):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def _private_config_home(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """WalletDesk processes a test starts keep their window settings (QSettings) and sign-in
    configuration in a folder of the test's, never in the developer's ~/.config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data dir, also exported as WALLETDESK_DATA_DIR for subprocesses."""
    path = tmp_path / "data"
    monkeypatch.setenv("WALLETDESK_DATA_DIR", str(path))
    yield path


@pytest.fixture
def master_key(monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A random master key supplied through WALLETDESK_MASTER_KEY (no keychain needed)."""
    key = os.urandom(32)
    monkeypatch.setenv("WALLETDESK_MASTER_KEY", base64.b64encode(key).decode())
    return key


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """`main()` configures the app's loggers for the process; undo it after each test."""
    import logging

    names = ("walletdesk", "httpx", "httpcore")
    saved = {
        name: (
            list(logging.getLogger(name).handlers),
            logging.getLogger(name).propagate,
            logging.getLogger(name).level,
        )
        for name in names
    }
    yield
    for name, (handlers, propagate, level) in saved.items():
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
        logger.propagate, logger.level = propagate, level
