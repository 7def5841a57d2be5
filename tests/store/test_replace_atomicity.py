"""A refresh that fails part-way leaves the previous balances and total byte for byte."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.stored_wallet import StoredAmounts
from walletdesk.store.balance_writes import replace_rows
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, snapshot, store_balances, valued

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def refreshed(db: Database, alice_wallets: WalletRepository) -> list[tuple[object, ...]]:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1.5", "0.5", "150000"),
                                           valued("ETH", "10", usd="30000")], T0)
    return snapshot(db.path)


def fail_when_inserting(db: Database, asset: str) -> None:
    """A real failure inside SQLite, after the wallet row and stale assets were written."""
    with closing(sqlite3.connect(db.path)) as connection:
        connection.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON balances WHEN NEW.asset = '{asset}' "
            "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
        connection.commit()


def test_a_failure_after_the_wallet_update_and_deletes_rolls_everything_back(
        db: Database, alice_wallets: WalletRepository,
        refreshed: list[tuple[object, ...]]) -> None:
    fail_when_inserting(db, "A09999")
    with pytest.raises(IntegrityError, match="refused by test"):
        store_balances(alice_wallets, "MEXC", many(10_000), LATER)
    assert snapshot(db.path) == refreshed


def test_a_total_out_of_range_writes_nothing(
        db: Database, alice_wallets: WalletRepository,
        refreshed: list[tuple[object, ...]]) -> None:
    with pytest.raises(AmountOutOfRangeError):
        store_balances(alice_wallets, "MEXC",
                       [*many(100), valued("BIG", "1", usd="9999999999.99999999")], LATER)
    assert snapshot(db.path) == refreshed


def test_an_exception_in_the_middle_of_the_transaction_rolls_it_back(
        db: Database, alice_wallets: WalletRepository, refreshed: list[tuple[object, ...]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(session: Session, wallet_id: int, rows: dict[str, StoredAmounts],
                    now: datetime) -> None:
        replace_rows(session, wallet_id, rows, now)
        raise KeyboardInterrupt  # e.g. the app quitting mid-refresh

    monkeypatch.setattr("walletdesk.store.wallets.replace_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store_balances(alice_wallets, "MEXC", many(50), LATER)
    assert snapshot(db.path) == refreshed
