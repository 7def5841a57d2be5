"""Fixtures of the store tests: a real database file per test and two users."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from walletdesk.core.models import User
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

ALICE = User(id="user_alice", email="alice@example.com", name="Alice")
BOB = User(id="user_bob", email="bob@example.com", name=None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "walletdesk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def users(db: Database) -> tuple[User, User]:
    repository = UserRepository(db)
    return repository.ensure(ALICE), repository.ensure(BOB)


@pytest.fixture
def alice_credentials(db: Database, users: tuple[User, User]) -> CredentialRepository:
    return CredentialRepository(db, ALICE.id)


@pytest.fixture
def bob_credentials(db: Database, users: tuple[User, User]) -> CredentialRepository:
    return CredentialRepository(db, BOB.id)


@pytest.fixture
def alice_wallets(db: Database, users: tuple[User, User]) -> WalletRepository:
    return WalletRepository(db, ALICE.id)


@pytest.fixture
def bob_wallets(db: Database, users: tuple[User, User]) -> WalletRepository:
    return WalletRepository(db, BOB.id)
