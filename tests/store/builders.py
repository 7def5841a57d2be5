"""Small builders and raw readers shared by the store tests (and the GUI's seeding)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from contextlib import closing
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from tests.reference.stored_form import stored_wallet
from tests.reference.valuation import ValuedBalance
from walletdesk.core.models import BalanceSource, Wallet
from walletdesk.store.wallets import WalletRepository

T0 = datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def valued(asset: str, free: str, locked: str = "0", usd: str = "0") -> ValuedBalance:
    usd_value = Decimal(usd)
    return ValuedBalance(asset=asset, free=Decimal(free), locked=Decimal(locked),
                         usd_value=usd_value, priced=usd_value != 0)


def many(count: int, *, salt: int = 0) -> list[ValuedBalance]:
    """``count`` distinct, priced assets with 8-decimal amounts."""
    return [valued(f"A{i:05d}", f"{i + salt}.12345678", "0.5", f"{i * 3}.00000001")
            for i in range(count)]


def store_balances(wallets: WalletRepository, exchange: str,
                   balances: Sequence[ValuedBalance], updated_at: datetime, *,
                   credential_ids: Collection[str] = (),
                   sources: Sequence[BalanceSource] = ()) -> Wallet:
    """Make ``balances`` (and their parts) the wallet's content as a refresh does: in the
    store's form (by the Decimal rules the refresh's fold is checked against), written by
    ``WalletRepository.replace_wallet``."""
    return wallets.replace_wallet(exchange, stored_wallet(balances, sources), updated_at,
                                  credential_ids=credential_ids)


def raw_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows exactly as SQLite holds them (values with their storage classes)."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql).fetchall()


def snapshot(path: Path) -> list[tuple[object, ...]]:
    """Every wallet and balance row, each value with its SQLite type: byte-exact state."""
    wallets = raw_rows(path, "SELECT id, user_id, exchange, last_updated, total_usd_value, "
                             "typeof(total_usd_value), created_at, updated_at "
                             "FROM wallets ORDER BY id")
    balances = raw_rows(path, "SELECT id, wallet_id, asset, free, locked, total, usd_value, "
                              "typeof(free) || typeof(locked) || typeof(total) || "
                              "typeof(usd_value), created_at, updated_at "
                              "FROM balances ORDER BY id")
    return wallets + balances
