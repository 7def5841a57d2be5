"""Migration 0002_history: a filled baseline database upgrades without losing or changing a row."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from walletdesk.core.models import LOCAL_USER
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import open_database
from walletdesk.store.history import HistoryRepository
from walletdesk.store.migrate import alembic_config
from walletdesk.store.migrations import HEAD_REVISION
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, raw_rows, snapshot, store_balances


def _baseline_database(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()


def test_a_filled_baseline_database_upgrades_without_losing_a_row(tmp_path: Path) -> None:
    path = tmp_path / "walletdesk.db"
    _baseline_database(path)
    # Fill it with the baseline's tables only: what a WalletDesk of revision 0001 wrote.
    with create_engine(f"sqlite:///{path}").begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users VALUES ('local', 'l@example.com', NULL, "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
        connection.exec_driver_sql(
            "INSERT INTO api_credentials VALUES ('c1', 'local', 'MEXC', 'k', x'01', NULL, "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
        connection.exec_driver_sql(
            "INSERT INTO wallets VALUES (7, 'local', 'MEXC', '2025-01-02 03:04:05.678901', "
            "123456789, '2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
        connection.exec_driver_sql(
            "INSERT INTO balances VALUES (9, 7, 'BTC', 100000000, 1, 100000001, 123456789, "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
    before = snapshot(path) + raw_rows(path, "SELECT * FROM users") + raw_rows(
        path, "SELECT * FROM api_credentials")
    assert raw_rows(path, "SELECT version_num FROM alembic_version") == [("0001",)]

    db = open_database(path)
    try:
        assert raw_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
        assert snapshot(path) + raw_rows(path, "SELECT * FROM users") + raw_rows(
            path, "SELECT * FROM api_credentials") == before
        history = HistoryRepository(db, LOCAL_USER.id)
        assert history.portfolio_points() == []  # no history was invented for old rows
        UserRepository(db).ensure(LOCAL_USER)
        store_balances(WalletRepository(db, LOCAL_USER.id), "MEXC", many(3),
                       T0 + timedelta(1))
        assert len(history.portfolio_points()) == 1
        CredentialRepository(db, LOCAL_USER.id).remove("c1")
        assert [p.total_usd_value for p in history.portfolio_points()][-1] == 0
    finally:
        db.close()
