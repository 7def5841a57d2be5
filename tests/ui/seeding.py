"""Stored portfolios for the GUI tests and benchmarks, written through the real store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.reference.valuation import ValuedBalance
from tests.store.builders import store_balances, valued
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.store.database import open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

__all__ = ["UPDATED", "seed", "synthetic", "valued"]

UPDATED = datetime(2026, 11, 25, 17, 4, 5, tzinfo=UTC)


def synthetic(count: int) -> list[ValuedBalance]:
    """``count`` distinct assets with 8-decimal amounts and a spread of USD values."""
    return [valued(f"A{i:05d}", f"{i}.12345678", "0.5", f"{(i * 7919) % 100000}.00000001")
            for i in range(count)]


def seed(database: Path, wallets: dict[str, list[ValuedBalance]], *,
         user: User = LOCAL_USER, updated: datetime = UPDATED) -> None:
    """Store one wallet per exchange with these balances, as a refresh would."""
    db = open_database(database)
    try:
        UserRepository(db).ensure(user)
        repository = WalletRepository(db, user.id)
        for exchange, balances in wallets.items():
            store_balances(repository, exchange, balances, updated)
    finally:
        db.close()
