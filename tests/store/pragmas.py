"""What SQLite itself reports about a schema (PRAGMA table_info, index_list, ...)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TABLES = ["users", "api_credentials", "wallets", "balances", "history_snapshots",
          "history_balances"]


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, bool]]:
    return [(name, type_.replace(" ", "").upper(), bool(notnull), bool(pk))
            for _cid, name, type_, notnull, _default, pk
            in connection.execute(f"PRAGMA table_info({table})")]


def indexes(connection: sqlite3.Connection, table: str) -> dict[str, tuple[bool, list[str]]]:
    """Indexes created by CREATE INDEX (origin 'c') with their columns in order."""
    found: dict[str, tuple[bool, list[str]]] = {}
    for _seq, name, unique, origin, _partial in connection.execute(
            f"PRAGMA index_list({table})"):
        assert origin in ("c", "pk"), f"{table}: unexpected {origin!r} index {name}"
        if origin == "c":
            info = connection.execute(f"PRAGMA index_info({name})").fetchall()
            found[name] = (bool(unique), [col for _seqno, _cid, col in sorted(info)])
    return found


def foreign_keys(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, str, str]]:
    return [(from_, parent, to, on_delete)
            for _id, _seq, parent, from_, to, _on_update, on_delete, _match
            in connection.execute(f"PRAGMA foreign_key_list({table})")]


def describe(connection: sqlite3.Connection, tables: list[str]) -> dict[str, object]:
    """Everything the PRAGMAs say about ``tables``: comparable between two databases."""
    return {table: (columns(connection, table), indexes(connection, table),
                    foreign_keys(connection, table)) for table in tables}
