"""Hidden assets and each key's last refresh outcome (migration 0006): scoped to their user,
gone with their key, and added to a filled database without touching any row."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from walletdesk.core.models import KeyRefresh
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.hidden_assets import HiddenAssetRepository
from walletdesk.store.migrate import alembic_config
from walletdesk.store.read_model import read_portfolio_snapshot
from walletdesk.store.refresh_outcomes import RefreshOutcomeRepository
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows, store_balances, valued
from .conftest import ALICE, BOB

EVERY_TABLE = ("users", "api_credentials", "wallets", "balances", "history_snapshots",
               "history_balances", "user_identities", "balance_sources", "balance_valuations")


def add_key(db: Database, user_id: str, key_id: str, exchange: str = "MEXC") -> None:
    CredentialRepository(db, user_id).add(credential_id=key_id, exchange=exchange,
                                          api_key=f"key-{key_id}", label=key_id,
                                          api_secret=b"ciphertext")


def test_hidden_assets_are_one_users_and_leave_balances_out_on_that_exchange_only(
        db: Database, users: object) -> None:
    alice = WalletRepository(db, ALICE.id)
    store_balances(alice, "MEXC", [valued("BTC", "1", usd="50000"), valued("SPAM", "9")], T0)
    store_balances(alice, "BINANCE", [valued("SPAM", "5")], T0)
    store_balances(WalletRepository(db, BOB.id), "MEXC", [valued("SPAM", "1")], T0)
    HiddenAssetRepository(db, ALICE.id).hide([("MEXC", "SPAM"), ("MEXC", "SPAM")])

    assert HiddenAssetRepository(db, ALICE.id).hidden() == {("MEXC", "SPAM")}
    assert HiddenAssetRepository(db, BOB.id).hidden() == frozenset()
    shown = [(b.exchange, b.asset) for b in alice.balances(without_hidden=True)]
    assert sorted(shown) == [("BINANCE", "SPAM"), ("MEXC", "BTC")]
    assert len(alice.balances()) == 3  # the stored rows are untouched
    assert [b.asset for b in WalletRepository(db, BOB.id).balances(without_hidden=True)] == [
        "SPAM"]
    assert alice.portfolio().hidden == {("MEXC", "SPAM")}
    assert read_portfolio_snapshot(db.path, ALICE.id) == alice.portfolio()  # the first paint

    HiddenAssetRepository(db, ALICE.id).show([("MEXC", "SPAM")])
    assert len(alice.balances(without_hidden=True)) == 3


def test_the_last_outcome_per_key_replaces_the_one_before_and_goes_with_its_key(
        db: Database, users: object) -> None:
    add_key(db, ALICE.id, "a1")
    add_key(db, ALICE.id, "a2")
    add_key(db, BOB.id, "b1")
    outcomes = RefreshOutcomeRepository(db, ALICE.id)
    outcomes.record(T0, [("a1", "MEXC refused the key."), ("a2", None), ("b1", "not hers")])
    later = T0 + timedelta(hours=1)
    outcomes.record(later, [("a2", "MEXC could not be reached.")])

    assert outcomes.last() == (KeyRefresh("a1", "MEXC", T0, "MEXC refused the key."),
                               KeyRefresh("a2", "MEXC", later, "MEXC could not be reached."))
    assert RefreshOutcomeRepository(db, BOB.id).last() == ()  # Alice cannot write Bob's
    wallets = WalletRepository(db, ALICE.id)
    assert wallets.portfolio().failures() == {
        "MEXC": "MEXC refused the key. MEXC could not be reached."}
    assert read_portfolio_snapshot(db.path, ALICE.id) == wallets.portfolio()

    CredentialRepository(db, ALICE.id).remove("a1")
    assert [r.credential_id for r in outcomes.last()] == ["a2"]


def test_the_migration_keeps_every_row_of_a_filled_database(tmp_path: Path) -> None:
    path = tmp_path / "walletdesk.db"
    db = open_database(path)
    for user in (ALICE, BOB):
        UserRepository(db).ensure(user)
    add_key(db, ALICE.id, "a1")
    store_balances(
        WalletRepository(db, ALICE.id), "MEXC",
        [valued("BTC", "1.12345678", usd="50000.5"), valued("ETH", "2", "1", "6000")],
        T0, credential_ids=["a1"])
    store_balances(WalletRepository(db, BOB.id), "KRAKEN", [valued("XRP", "10", usd="5")], T0)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # the revision before, as an older version left it
        command.downgrade(alembic_config(connection), "0005_balance_sources")
    engine.dispose()
    before = {table: raw_rows(path, f"SELECT * FROM {table}")
              for table in EVERY_TABLE}
    assert before["balances"] and before["history_balances"] and before["api_credentials"]
    assert read_portfolio_snapshot(path, ALICE.id) is not None  # first paint, not migrated

    db = open_database(path)  # migrates to the head
    try:
        assert {table: raw_rows(path, f"SELECT * FROM {table}")
                for table in EVERY_TABLE} == before
        assert raw_rows(path, "SELECT * FROM hidden_assets") == []
        HiddenAssetRepository(db, ALICE.id).hide([("MEXC", "ETH")])
        assert [b.asset for b in WalletRepository(db, ALICE.id).balances(
            without_hidden=True)] == ["BTC"]
    finally:
        db.close()
