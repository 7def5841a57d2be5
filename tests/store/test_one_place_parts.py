"""A wallet whose every row is one part of one key in one place (``OnePlaceParts``) has its
``balance_sources`` checked and fixed by SQLite against the balances just stored, without
reading them: whatever the wallet held before (parts of other keys and places, other
amounts, other assets), it must end with exactly its parts, as the row-by-row compare of
any other wallet does."""

from __future__ import annotations

import itertools
from collections.abc import Set
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.core.stored_wallet import OnePlaceParts, PartRow, StoredWallet
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows

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
    return set(raw_rows(db_path, "SELECT asset, credential_id, place, free, locked "
                        "FROM balance_sources s JOIN wallets w ON w.id = s.wallet_id "
                        f"WHERE w.exchange = '{exchange}'"))


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
