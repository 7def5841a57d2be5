"""The store sits on core alone: names of exchanges for its messages come from the caller."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import walletdesk.store
from walletdesk.core.errors import DuplicateCredentialError, NotFoundError
from walletdesk.core.models import User
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, store_balances

STORE = Path(walletdesk.store.__file__).parent
ALLOWED = ("walletdesk.core", "walletdesk.store")


def _walletdesk_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "walletdesk"}


def test_the_store_imports_nothing_of_walletdesk_but_core_and_itself() -> None:
    sideways = {
        f"{path.relative_to(STORE)}: {name}"
        for path in STORE.rglob("*.py")
        for name in _walletdesk_imports(path)
        if not name.startswith(ALLOWED)
    }
    assert sideways == set()


def test_messages_name_the_exchange_as_the_caller_names_it(
        db: Database, users: tuple[User, User]) -> None:
    names = {"BINANCE": "Binance"}.__getitem__
    credentials = CredentialRepository(db, users[0].id, display_name=names)
    credentials.add(credential_id="k1", exchange="BINANCE", api_key="api-1", label=None,
                    api_secret=b"x")
    with pytest.raises(DuplicateCredentialError, match="An unlabelled Binance key"):
        credentials.add(credential_id="k2", exchange="BINANCE", api_key="api-2", label=None,
                        api_secret=b"x")
    wallets = WalletRepository(db, users[0].id, display_name=names)
    with pytest.raises(NotFoundError, match="A Binance key was removed"):
        store_balances(wallets, "BINANCE", [], T0, credential_ids=["gone"])
