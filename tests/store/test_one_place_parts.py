"""A wallet whose every row is one part of one key in one place (``OnePlaceParts``) is
marked in ``balance_sole_sources`` instead of its parts written: whatever the wallet held
before (parts of other keys and places, other amounts, other assets, another mark), it
must read back with exactly its parts, as any other wallet's parts compared row by row do,
and hold them in one form only (a mark and no parts, or parts and no mark)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Set
from datetime import timedelta
from pathlib import Path

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from walletdesk.core.money import to_units
from walletdesk.core.stored_wallet import OnePlaceParts, PartRow, StoredWallet
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import open_database
from walletdesk.store.migrate import alembic_config
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows
from .conftest import ALICE

KEYS = ("k1", "k2")
PLACES = ("spot", "earn")
KEY_PLACES = list(itertools.product(KEYS, PLACES))
_exchanges = (f"EX{n}" for n in itertools.count())

units = st.integers(min_value=0, max_value=3)
rows = st.dictionaries(st.sampled_from(("A", "B", "C", "D")),
                       st.tuples(units, units).filter(any), max_size=4)


@st.composite
def wallets(draw: st.DrawFn) -> StoredWallet:
    """A wallet of one key's one place, or one whose rows are split among keys and places."""
    held = {asset: (free, locked, free + locked, 0) for asset, (free, locked) in draw(rows).items()}
    if draw(st.booleans()):
        return StoredWallet(held, set(), OnePlaceParts(held, draw(st.sampled_from(KEYS)),
                                                       draw(st.sampled_from(PLACES))))
    parts: set[PartRow] = set()
    for asset, (free, locked, _, _) in held.items():
        first, second = draw(st.lists(st.sampled_from(KEY_PLACES), min_size=2, max_size=2,
                                      unique=True))
        split = draw(st.booleans())  # free in one place, locked in another
        for (credential_id, place), part_free, part_locked in (
                (first, free, 0 if split else locked), (second, 0, locked if split else 0)):
            if part_free or part_locked:
                parts.add((asset, credential_id, place, part_free, part_locked))
    return StoredWallet(held, set(), parts)


def stored_parts(db_path: Path, exchange: str) -> set[tuple[object, ...]]:
    """The wallet's parts as the database holds them: its part rows, or its balances beside
    its mark's key and place; never both."""
    rows = raw_rows(db_path, "SELECT asset, credential_id, place, free, locked "
                    "FROM balance_sources s JOIN wallets w ON w.id = s.wallet_id "
                    f"WHERE w.exchange = '{exchange}'")
    marked = raw_rows(db_path, "SELECT asset, credential_id, place, free, locked "
                      "FROM balance_sole_sources m JOIN balances b ON b.wallet_id = m.wallet_id "
                      f"JOIN wallets w ON w.id = m.wallet_id WHERE w.exchange = '{exchange}'")
    assert not (rows and marked), "a wallet's parts are kept in one form"
    return set(rows + marked)


def read_parts(wallets: WalletRepository, exchange: str) -> set[tuple[object, ...]]:
    """The wallet's parts as the repository reads them back, in units."""
    return {(b.asset, s.credential_id, s.place, to_units(s.free), to_units(s.locked))
            for b in wallets.balances(exchange) for s in b.sources}


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(refreshes=st.lists(wallets(), min_size=1, max_size=4))
def test_each_refresh_leaves_exactly_its_parts_whatever_was_stored(
        refreshes: list[StoredWallet], alice_wallets: WalletRepository,
        alice_credentials: CredentialRepository, db_path: Path) -> None:
    for key in KEYS:
        if not any(c.id == key for c in alice_credentials.list()):
            alice_credentials.add(credential_id=key, exchange="MEXC", api_key=f"api-{key}",
                                  label=key, api_secret=b"x")
    exchange = next(_exchanges)
    for minute, wallet in enumerate(refreshes):
        alice_wallets.replace_wallet(exchange, wallet, T0 + timedelta(minutes=minute))
        assert stored_parts(db_path, exchange) == set(wallet.parts)
        assert read_parts(alice_wallets, exchange) == set(wallet.parts)


def test_one_place_parts_are_the_rows_beside_their_key_and_place() -> None:
    held = {"BTC": (1, 2, 3, 9), "ETH": (5, 0, 5, 0)}
    parts: Set[PartRow] = OnePlaceParts(held, "k1", "spot")
    assert parts == {("BTC", "k1", "spot", 1, 2), ("ETH", "k1", "spot", 5, 0)}
    assert ("BTC", "k1", "spot", 1, 2) in parts
    assert ("BTC", "k1", "earn", 1, 2) not in parts
    assert ("BTC", "k2", "spot", 1, 2) not in parts
    assert ("BTC", "k1", "spot", 1, 0) not in parts
    assert ("XRP", "k1", "spot", 1, 2) not in parts
    assert parts - {("BTC", "k1", "spot", 1, 2)} == {("ETH", "k1", "spot", 5, 0)}


def test_the_migration_keeps_every_row_and_part_of_a_filled_database(tmp_path: Path) -> None:
    """Down to the revision before, a marked wallet's parts are written back as rows; up
    again (0007), every row of every table stays as it was and each part reads the same."""
    path = tmp_path / "walletdesk.db"
    db = open_database(path)
    UserRepository(db).ensure(ALICE)
    for key in KEYS:
        CredentialRepository(db, ALICE.id).add(credential_id=key, exchange="MEXC",
                                               api_key=f"api-{key}", label=key,
                                               api_secret=b"x")
    wallets = WalletRepository(db, ALICE.id)
    held = {"BTC": (1, 2, 3, 9), "ETH": (5, 0, 5, 0)}
    wallets.replace_wallet("MEXC", StoredWallet(held, {("BTC", "BTCUSDT", True)},
                                                OnePlaceParts(held, "k1", "earn")), T0)
    split = {("BTC", "k1", "spot", 1, 0), ("BTC", "k2", "spot", 0, 2)}
    wallets.replace_wallet("KRAKEN", StoredWallet({"BTC": (1, 2, 3, 0)}, set(), split), T0)
    parts = {exchange: read_parts(wallets, exchange) for exchange in ("MEXC", "KRAKEN")}
    assert raw_rows(path, "SELECT credential_id, place FROM balance_sole_sources") == [
        ("k1", "earn")]
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # the revision before, as an older version left it
        command.downgrade(alembic_config(connection), "0006_hidden_assets_refresh_outcomes")
    engine.dispose()
    tables = [name for (name,) in raw_rows(
        path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'")]
    assert "balance_sole_sources" not in tables
    before = {table: raw_rows(path, f"SELECT * FROM {table}") for table in tables}
    assert set(before["balance_sources"]) == {
        (wallet_id, *part) for wallet_id, exchange in raw_rows(
            path, "SELECT id, exchange FROM wallets") for part in parts[str(exchange)]}

    db = open_database(path)  # migrates to the head
    try:
        assert {table: raw_rows(path, f"SELECT * FROM {table}") for table in tables} == before
        assert raw_rows(path, "SELECT * FROM balance_sole_sources") == []
        wallets = WalletRepository(db, ALICE.id)
        assert {exchange: read_parts(wallets, exchange) for exchange in parts} == parts
    finally:
        db.close()


def renamed(wallet: StoredWallet, name: Mapping[str, str]) -> StoredWallet:
    """``wallet`` with its keys' ids renamed, in the same form (marked or parts)."""
    if isinstance(wallet.parts, OnePlaceParts):
        return StoredWallet(wallet.rows, wallet.valuations, OnePlaceParts(
            wallet.rows, name[wallet.parts.credential_id], wallet.parts.place))
    return StoredWallet(wallet.rows, wallet.valuations,
                        {(a, name[c], p, f, lk) for a, c, p, f, lk in wallet.parts})


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(wallet=wallets(), gone=st.sampled_from(KEYS))
def test_removing_one_of_two_keys_subtracts_exactly_its_parts(
        wallet: StoredWallet, gone: str, alice_wallets: WalletRepository,
        alice_credentials: CredentialRepository, db_path: Path) -> None:
    """Whether the wallet is marked as one key's or keeps its parts, the other key keeps
    exactly its own: each row loses the gone key's part, a row left at zero goes."""
    exchange = next(_exchanges)
    name = {key: f"{key}-{exchange}" for key in KEYS}
    for key in KEYS:
        alice_credentials.add(credential_id=name[key], exchange=exchange,
                              api_key=f"api-{key}", label=key, api_secret=b"x")
    wallet = renamed(wallet, name)
    alice_wallets.replace_wallet(exchange, wallet, T0)
    alice_credentials.remove(name[gone])
    kept = {part for part in wallet.parts if part[1] != name[gone]}
    left: dict[str, tuple[int, int]] = {}
    for asset, _, _, free, locked in kept:
        known = left.get(asset, (0, 0))
        left[asset] = (known[0] + free, known[1] + locked)
    assert {b.asset: (to_units(b.free), to_units(b.locked), to_units(b.total))
            for b in alice_wallets.balances(exchange)} == {
        asset: (free, locked, free + locked) for asset, (free, locked) in left.items()}
    assert stored_parts(db_path, exchange) == read_parts(alice_wallets, exchange) == kept
