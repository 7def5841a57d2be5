"""Stored portfolios for the GUI tests and benchmarks, written through the real store."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from walletdesk.core.models import LOCAL_USER, User, ValuedBalance
from walletdesk.store.database import open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

UPDATED = datetime(2026, 11, 25, 17, 4, 5, tzinfo=UTC)


def valued(asset: str, free: str, locked: str = "0", usd: str = "0") -> ValuedBalance:
    usd_value = Decimal(usd)
    return ValuedBalance(asset=asset, free=Decimal(free), locked=Decimal(locked),
                         usd_value=usd_value, priced=usd_value != 0)


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
            repository.replace_balances(exchange, balances, updated)
    finally:
        db.close()
