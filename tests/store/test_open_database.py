"""open_database: a private file, the same set-up on every connection, real transactions."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows, store_balances, valued
from .conftest import ALICE
from .pragmas import TABLES


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    previous = os.umask(value)
    try:
        yield
    finally:
        os.umask(previous)


def test_new_file_is_private_and_its_new_folder_too_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "walletdesk.db"
    with umask(0):
        db = open_database(path)
    try:
        with db.transaction() as session:  # keep -wal and -shm in existence
            session.execute(text("SELECT 1"))
            assert mode(path) == 0o600
            assert mode(path.parent) == 0o700
            for suffix in ("-wal", "-shm"):
                assert mode(Path(f"{path}{suffix}")) == 0o600
    finally:
        db.close()


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    open_database(tmp_path / "walletdesk.db").close()
    assert mode(tmp_path) == 0o755


def test_every_pooled_connection_has_foreign_keys_busy_timeout_and_wal(db: Database) -> None:
    with ExitStack() as stack:
        connections = [stack.enter_context(db.engine.connect()) for _ in range(3)]
        for connection in connections:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 5000
            assert pragma("PRAGMA journal_mode").scalar() == "wal"


def test_a_write_transaction_holds_the_write_lock_from_its_start(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.transaction() as session:
            session.execute(text("SELECT 1"))  # nothing written yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_transaction_sees_one_snapshot(
        db: Database, alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    with db.read() as session:
        first = session.execute(text("SELECT free FROM balances")).scalar()
        store_balances(alice_wallets, "MEXC", [valued("BTC", "2")], T0)
        assert session.execute(text("SELECT free FROM balances")).scalar() == first
    assert alice_wallets.balances()[0].free == 2


def test_a_transaction_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    insert = text("INSERT INTO users VALUES (:id, :id, NULL, '2025-01-01 00:00:00.000000', "
                  "'2025-01-01 00:00:00.000000')")
    with db.transaction() as session:
        session.execute(insert, {"id": "kept"})
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.execute(insert, {"id": "dropped"})
        raise RuntimeError("interrupted")
    assert raw_rows(db.path, "SELECT id FROM users") == [("kept",)]


def test_deleting_a_user_cascades_to_credentials_wallets_balances_and_history(
        db: Database, alice_credentials: CredentialRepository,
        alice_wallets: WalletRepository, bob_wallets: WalletRepository) -> None:
    alice_credentials.add(credential_id="c1", exchange="MEXC", api_key="key-1234567",
                          label=None, api_secret=b"sealed")
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    store_balances(bob_wallets, "MEXC", [valued("ETH", "1")], T0)
    with db.transaction() as session:
        session.execute(text("DELETE FROM users WHERE id = :id"), {"id": ALICE.id})
    counts = {table: raw_rows(db.path, f"SELECT count(*) FROM {table}")[0][0]
              for table in TABLES}
    assert counts == {"users": 1, "api_credentials": 0, "wallets": 1, "balances": 1,
                      "history_snapshots": 1, "history_balances": 1}


def test_opening_never_rewrites_an_existing_database(db_path: Path) -> None:
    first = open_database(db_path)
    with first.transaction() as session:
        session.execute(text("INSERT INTO users VALUES ('u', 'u@x', NULL, "
                             "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')"))
    first.close()
    before = db_path.read_bytes()
    open_database(db_path).close()
    assert db_path.read_bytes() == before
