"""The first paint's stdlib reader returns exactly what the ORM returns, or None."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from walletdesk.core.balance_table import EMPTY_TABLE
from walletdesk.core.models import Balance, Portfolio
from walletdesk.store.database import Database
from walletdesk.store.migrate import alembic_config
from walletdesk.store.read_model import read_portfolio_snapshot
from walletdesk.store.wallets import WalletRepository

from .builders import T0, many, store_balances, valued
from .sandbox import REPO, read_only


def fill(alice: WalletRepository, bob: WalletRepository) -> None:
    store_balances(alice, "MEXC", [
        valued("BTC", "1.5", "0.25", "175000.12345678"), valued("OBSCURE", "1000"),
        valued("A", "1", usd="5"), valued("B", "-2", usd="5")], T0)
    store_balances(alice, "BINANCE", [valued("A", "3", usd="5"),
                                      valued("USDT", "9999999999.99999999", usd="1")],
                   T0 + timedelta(minutes=5))
    store_balances(alice, "DEMO", [], T0)
    store_balances(bob, "MEXC", [valued("DOGE", "1000", usd="100")], T0)


def test_the_snapshot_equals_the_orm_portfolio_value_for_value(
        db: Database, alice_wallets: WalletRepository, bob_wallets: WalletRepository) -> None:
    fill(alice_wallets, bob_wallets)
    snapshot = read_portfolio_snapshot(db.path, "user_alice")
    assert snapshot == alice_wallets.portfolio()
    assert snapshot is not None and len(snapshot.balances) == 6
    for ours, orms in zip(snapshot.balances, alice_wallets.portfolio().balances, strict=True):
        assert [str(v) for v in (ours.free, ours.locked, ours.total, ours.usd_value)] == [
            str(v) for v in (orms.free, orms.locked, orms.total, orms.usd_value)]
        assert ours.wallet_updated.tzinfo == orms.wallet_updated.tzinfo


def test_a_user_without_wallets_gets_an_empty_portfolio(
        db: Database, alice_wallets: WalletRepository) -> None:
    assert read_portfolio_snapshot(db.path, "user_alice") == Portfolio((), EMPTY_TABLE)


def test_no_database_yet_gives_none(tmp_path: Path) -> None:
    assert read_portfolio_snapshot(tmp_path / "missing.db", "u") is None
    (tmp_path / "empty.db").touch()
    assert read_portfolio_snapshot(tmp_path / "empty.db", "u") is None
    with closing(sqlite3.connect(tmp_path / "other.db")) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
    assert read_portfolio_snapshot(tmp_path / "other.db", "u") is None
    (tmp_path / "garbage.db").write_bytes(b"not sqlite at all" * 100)
    assert read_portfolio_snapshot(tmp_path / "garbage.db", "u") is None


def test_the_snapshot_reads_a_read_only_database(
        db: Database, alice_wallets: WalletRepository, bob_wallets: WalletRepository) -> None:
    fill(alice_wallets, bob_wallets)
    expected = alice_wallets.portfolio()
    db.close()
    with read_only(db.path):
        assert read_portfolio_snapshot(db.path, "user_alice") == expected


def test_reading_the_snapshot_never_imports_sqlalchemy(db: Database) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from walletdesk.store.read_model import read_portfolio_snapshot\n"
        f"print(read_portfolio_snapshot(Path({str(db.path)!r}), 'user_alice'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.splitlines() == [
        "Portfolio(wallets=(), balances=BalanceTable([]), hidden=frozenset(), refreshes=())",
        "[]"]


def test_ten_thousand_balances_load_as_the_orm_reads_them(
        db: Database, alice_wallets: WalletRepository) -> None:
    """(Its speed is measured in tests/benchmarks/bench_large_tables.py.)"""
    store_balances(alice_wallets, "MEXC", many(10_000), T0)
    snapshot = read_portfolio_snapshot(db.path, "user_alice")
    assert snapshot is not None and len(snapshot.balances) == 10_000
    assert snapshot == alice_wallets.portfolio()


def dust_wallets(alice: WalletRepository, route: str = "") -> None:
    """A priced row, a priced dust row (worth less than 1e-8 USD: stored as 0), an unpriced
    row, whose stored value is 0 as well, and a row worth less than 0 (read last)."""
    store_balances(alice, "MEXC", [
        valued("BTC", "1", usd="65000"),
        valued("DUST", "0.00000001")._replace(priced=True, route=route),
        valued("OBSCURE", "1000"), valued("OWED", "-1", usd="-3")], T0)


def priced(balances: Iterable[Balance]) -> dict[str, bool]:
    return {b.asset: b.priced for b in balances}


def test_a_priced_row_worth_zero_is_priced_at_first_paint(
        db: Database, alice_wallets: WalletRepository) -> None:
    dust_wallets(alice_wallets)
    snapshot = read_portfolio_snapshot(db.path, "user_alice")
    assert snapshot is not None
    assert priced(snapshot.balances) == {"BTC": True, "DUST": True, "OBSCURE": False,
                                       "OWED": True}
    assert snapshot == alice_wallets.portfolio()


def test_the_first_paint_knows_a_dust_row_was_priced_but_not_its_route(
        db: Database, alice_wallets: WalletRepository) -> None:
    dust_wallets(alice_wallets, route="DUSTUSDT")
    snapshot, loaded = read_portfolio_snapshot(db.path, "user_alice"), alice_wallets.portfolio()
    assert snapshot is not None
    assert priced(snapshot.balances) == priced(loaded.balances)
    assert [b._replace(route="") for b in loaded.balances] == list(snapshot.balances)
    assert snapshot.balances.same_rows(loaded.balances)  # the load keeps the rows shown


def test_a_valuation_that_says_unpriced_is_unpriced_at_first_paint_too(
        db: Database, alice_wallets: WalletRepository) -> None:
    dust_wallets(alice_wallets)  # the store keeps none such; another version might
    with closing(sqlite3.connect(db.path)) as connection, connection:
        connection.execute("INSERT INTO balance_valuations (wallet_id, asset, route, priced) "
                           "SELECT wallet_id, asset, '', 0 FROM balances WHERE asset = 'OBSCURE'")
    snapshot = read_portfolio_snapshot(db.path, "user_alice")
    assert snapshot is not None and priced(snapshot.balances)["OBSCURE"] is False
    assert snapshot == alice_wallets.portfolio()


def test_a_database_before_valuations_were_kept_still_paints(
        db: Database, alice_wallets: WalletRepository) -> None:
    dust_wallets(alice_wallets)
    db.close()
    engine = create_engine(f"sqlite:///{db.path}")
    with engine.begin() as connection:  # as a version before migration 0005 left it
        command.downgrade(alembic_config(connection), "0004_user_identities")
    engine.dispose()
    snapshot = read_portfolio_snapshot(db.path, "user_alice")
    assert snapshot is not None  # a zero value then means no price, as it did
    assert priced(snapshot.balances) == {"BTC": True, "DUST": False, "OBSCURE": False,
                                       "OWED": True}
