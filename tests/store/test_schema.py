"""The migrated database matches shared/spec/data-model.md, column by column."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from walletdesk.store.database import Database

from .pragmas import columns, connect_read_only, foreign_keys, indexes

# (name, declared type, NOT NULL, primary key) in the spec's order
SPEC_COLUMNS: dict[str, list[tuple[str, str, bool, bool]]] = {
    "users": [
        ("id", "VARCHAR(50)", True, True),
        ("email", "VARCHAR(100)", True, False),
        ("name", "VARCHAR(100)", False, False),
        ("created_at", "TIMESTAMP", True, False),
        ("updated_at", "TIMESTAMP", True, False),
    ],
    "api_credentials": [
        ("id", "VARCHAR(50)", True, True),
        ("user_id", "VARCHAR(50)", True, False),
        ("exchange", "VARCHAR(20)", True, False),
        ("api_key", "VARCHAR(100)", True, False),
        ("api_secret", "BLOB", True, False),
        ("label", "VARCHAR(50)", False, False),
        ("created_at", "TIMESTAMP", True, False),
        ("updated_at", "TIMESTAMP", True, False),
    ],
    "wallets": [
        ("id", "INTEGER", True, True),
        ("user_id", "VARCHAR(50)", True, False),
        ("exchange", "VARCHAR(20)", True, False),
        ("last_updated", "TIMESTAMP", True, False),
        ("total_usd_value", "DECIMAL(18,8)", True, False),
        ("created_at", "TIMESTAMP", True, False),
        ("updated_at", "TIMESTAMP", True, False),
    ],
    "balances": [
        ("id", "INTEGER", True, True),
        ("wallet_id", "INTEGER", True, False),
        ("asset", "VARCHAR(20)", True, False),
        ("free", "DECIMAL(18,8)", True, False),
        ("locked", "DECIMAL(18,8)", True, False),
        ("total", "DECIMAL(18,8)", True, False),
        ("usd_value", "DECIMAL(18,8)", True, False),
        ("created_at", "TIMESTAMP", True, False),
        ("updated_at", "TIMESTAMP", True, False),
    ],
}

# index name -> (unique, columns)
SPEC_INDEXES: dict[str, dict[str, tuple[bool, list[str]]]] = {
    "users": {"idx_user_email": (True, ["email"])},
    "api_credentials": {
        "idx_api_credentials_user_id": (False, ["user_id"]),
        "idx_api_credentials_exchange": (False, ["exchange"]),
        "idx_api_credentials_user_exchange_label": (True, ["user_id", "exchange", "label"]),
    },
    "wallets": {
        "idx_wallet_user_id": (False, ["user_id"]),
        "idx_wallet_user_exchange": (True, ["user_id", "exchange"]),
    },
    "balances": {
        "idx_balance_wallet_id": (False, ["wallet_id"]),
        "idx_balance_asset": (False, ["asset"]),
        "idx_balance_wallet_asset": (True, ["wallet_id", "asset"]),
    },
}

# (from column, parent table, parent column, ON DELETE)
SPEC_FOREIGN_KEYS: dict[str, list[tuple[str, str, str, str]]] = {
    "users": [],
    "api_credentials": [("user_id", "users", "id", "CASCADE")],
    "wallets": [("user_id", "users", "id", "CASCADE")],
    "balances": [("wallet_id", "wallets", "id", "CASCADE")],
}


@pytest.fixture
def migrated(db: Database) -> Iterator[sqlite3.Connection]:
    connection = connect_read_only(db.path)
    yield connection
    connection.close()


# Tables the product adds by migration beside the spec's four (never changing those).
PRODUCT_TABLES = {"history_snapshots", "history_balances", "master_key", "user_identities",
                  "balance_sources", "balance_valuations", "hidden_assets", "refresh_outcomes",
                  "balance_sole_sources"}


def test_database_has_the_four_spec_tables_and_only_the_product_s_own_beside_them(
        migrated: sqlite3.Connection) -> None:
    tables = {name for (name,) in migrated.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables - {"alembic_version", "sqlite_sequence"} == set(SPEC_COLUMNS) | PRODUCT_TABLES


@pytest.mark.parametrize("table", SPEC_COLUMNS)
def test_columns_have_the_spec_names_types_and_nullability(
        migrated: sqlite3.Connection, table: str) -> None:
    assert columns(migrated, table) == SPEC_COLUMNS[table]


@pytest.mark.parametrize("table", SPEC_INDEXES)
def test_indexes_have_the_spec_names_columns_and_uniqueness(
        migrated: sqlite3.Connection, table: str) -> None:
    assert indexes(migrated, table) == SPEC_INDEXES[table]


@pytest.mark.parametrize("table", SPEC_FOREIGN_KEYS)
def test_foreign_keys_reference_the_spec_parents_and_cascade(
        migrated: sqlite3.Connection, table: str) -> None:
    assert foreign_keys(migrated, table) == SPEC_FOREIGN_KEYS[table]


@pytest.mark.parametrize("table", ["wallets", "balances"])
def test_integer_ids_auto_increment_and_are_never_reused(
        migrated: sqlite3.Connection, table: str) -> None:
    (sql,) = migrated.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    assert "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" in sql
