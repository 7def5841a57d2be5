"""Files WalletDesk must not use are refused with one line saying what to do, untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event

from walletdesk.core.errors import StorageError
from walletdesk.store.database import Database, open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, snapshot, store_balances, valued
from .conftest import ALICE, BOB
from .sandbox import read_only, run_on_small_disk


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def refused(path: Path, **kwargs: float) -> str:
    with pytest.raises(StorageError) as caught:
        open_database(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


@pytest.mark.parametrize("content", [b"hello", b"PK\x03\x04" + bytes(range(256)) * 40])
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(
        db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(content)
    before = fingerprint(db_path.parent)
    assert "is not a WalletDesk database" in refused(db_path)
    assert fingerprint(db_path.parent) == before


def test_another_programs_sqlite_database_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir()
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
        other.commit()
    before = fingerprint(db_path.parent)
    assert "did not create" in refused(db_path)
    assert fingerprint(db_path.parent) == before


def test_a_schema_newer_than_this_app_is_refused_and_never_touched(db_path: Path) -> None:
    open_database(db_path).close()
    with closing(sqlite3.connect(db_path)) as newer_app:
        newer_app.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
        newer_app.commit()
    before = fingerprint(db_path.parent)
    message = refused(db_path)
    assert "newer version of WalletDesk" in message and "update WalletDesk" in message
    assert fingerprint(db_path.parent) == before


def opened_read_only(db_path: Path) -> None:
    """Reading works; the first write says the file is read-only, in one line."""
    db = open_database(db_path)
    try:
        assert db.read_only
        assert UserRepository(db).get(ALICE.id) == ALICE
        with pytest.raises(StorageError) as caught:
            UserRepository(db).ensure(BOB)
        message = str(caught.value)
        assert "read-only" in message and "\n" not in message and str(db_path) in message
    finally:
        db.close()


def test_a_read_only_database_file_is_opened_for_reading_only(db_path: Path) -> None:
    with closing(open_database(db_path)) as db:
        UserRepository(db).ensure(ALICE)
    before = fingerprint(db_path.parent)
    with read_only(db_path):
        opened_read_only(db_path)
    assert fingerprint(db_path.parent) == before


def test_a_database_in_a_read_only_folder_is_opened_for_reading_only(db_path: Path) -> None:
    with closing(open_database(db_path)) as db:
        UserRepository(db).ensure(ALICE)
    before = fingerprint(db_path.parent)
    with read_only(db_path.parent, db_path):
        opened_read_only(db_path)
    assert fingerprint(db_path.parent) == before


def test_a_new_database_in_a_read_only_folder_is_refused_and_not_created(
        tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        assert "read-only" in refused(folder / "walletdesk.db")
    assert list(folder.iterdir()) == []


def test_a_disk_too_full_for_a_new_database_is_reported(tmp_path: Path) -> None:
    result = run_on_small_disk(tmp_path, "64k", "create")
    assert result.returncode == 0, result.stderr
    assert "StorageError: The disk holding" in result.stdout and "is full" in result.stdout


def test_a_disk_filling_up_during_a_refresh_keeps_the_previous_balances(
        tmp_path: Path) -> None:
    result = run_on_small_disk(tmp_path, "256k", "refresh")
    assert result.returncode == 0, result.stderr
    assert "is full: free some space" in result.stdout
    assert "stored: [('BTC', '1.50000000')]" in result.stdout


def test_sqlite_reporting_a_full_database_mid_refresh_keeps_the_previous_balances(
        db: Database, alice_wallets: WalletRepository) -> None:
    """Where no small disk can be mounted: SQLite's own limit gives the same SQLITE_FULL."""
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    before = snapshot(db.path)
    db.engine.dispose()
    event.listen(db.engine, "connect",
                 lambda connection, _record: connection.execute("PRAGMA max_page_count = 40"))
    with pytest.raises(StorageError, match="is full: free some space"):
        store_balances(alice_wallets, "MEXC", many(5000), T0)
    assert snapshot(db.path) == before


def test_a_database_held_by_another_program_is_reported_as_busy(db_path: Path) -> None:
    db_path.parent.mkdir()
    db_path.touch()
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        assert "busy in another program" in refused(db_path, busy_timeout=0.2)
    finally:
        holder.close()
    open_database(db_path).close()  # fine once the other program lets go


def test_a_write_waiting_too_long_for_another_program_is_reported_as_busy(
        db: Database, alice_wallets: WalletRepository) -> None:
    fast = open_database(db.path, busy_timeout=0.2)
    holder = sqlite3.connect(db.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError, match="busy in another program"):
            store_balances(WalletRepository(fast, "user_alice"), "MEXC", [], T0)
    finally:
        holder.close()
        fast.close()


def test_waiting_for_another_program_within_the_busy_timeout_succeeds(
        db: Database, alice_wallets: WalletRepository) -> None:
    holder = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, holder.rollback).start()
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    holder.close()
    assert len(alice_wallets.balances()) == 1
