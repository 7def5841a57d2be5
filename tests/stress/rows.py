"""Stored wallet rows exactly as SQLite holds them (values with their storage classes)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

Rows = list[tuple[object, ...]]

_WALLET = (
    "SELECT w.id, w.exchange, w.last_updated, w.total_usd_value, typeof(w.total_usd_value), "
    "w.created_at, w.updated_at FROM wallets AS w WHERE w.user_id = ? AND w.exchange = ?"
)
_BALANCES = (
    "SELECT b.id, b.asset, b.free, b.locked, b.total, b.usd_value, "
    "typeof(b.free) || typeof(b.locked) || typeof(b.total) || typeof(b.usd_value), "
    "b.created_at, b.updated_at FROM balances AS b JOIN wallets AS w ON b.wallet_id = w.id "
    "WHERE w.user_id = ? AND w.exchange = ? ORDER BY b.id"
)


def query(path: Path, sql: str, *params: object) -> Rows:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, params).fetchall()


def wallet_rows(path: Path, user_id: str, exchange: str) -> Rows:
    """The wallet row and its balance rows, byte-exact; [] when there is no wallet."""
    return query(path, _WALLET, user_id, exchange) + query(path, _BALANCES, user_id, exchange)


def amounts(path: Path, user_id: str, exchange: str) -> dict[str, tuple[int, int]]:
    """asset -> (free, locked) in stored 1e-8 units."""
    rows = query(path, _BALANCES, user_id, exchange)
    return {str(row[1]): (int(row[2]), int(row[3])) for row in rows}  # type: ignore[call-overload]

