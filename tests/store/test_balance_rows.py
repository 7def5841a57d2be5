"""Whatever a wallet held before, a refresh leaves exactly its own balance rows, and writes
only what changed (``store/balance_writes.py``): a row as stored keeps its id and both
timestamps, a changed one keeps its id and ``created_at`` and takes the refresh's
``updated_at``, a new one has both at the refresh, a gone one is deleted."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.core.stored_wallet import StoredAmounts, StoredWallet
from walletdesk.store import wallets as wallets_module
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows

_exchanges = (f"EX{n}" for n in itertools.count())

units = st.integers(min_value=0, max_value=2)
rows = st.dictionaries(
    st.sampled_from(("A", "B", "C", "D", "E")),
    st.tuples(units, units, units).filter(lambda amounts: any(amounts[:2])),
    max_size=5,
).map(lambda drawn: {asset: (free, locked, free + locked, usd)
                     for asset, (free, locked, usd) in drawn.items()})


@pytest.fixture
def ticking_store_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's clock moves on by a second at each refresh, so a row written by a
    refresh can be told from one written by the refresh before."""
    seconds = itertools.count()
    monkeypatch.setattr(wallets_module, "utcnow",
                        lambda: datetime(2026, 1, 1, tzinfo=T0.tzinfo)
                        + timedelta(seconds=next(seconds)))


def stored_rows(db_path: Path, exchange: str) -> dict[str, tuple[object, ...]]:
    """asset -> (id, free, locked, total, usd_value, created_at, updated_at), as stored."""
    return {str(row[0]): row[1:] for row in raw_rows(
        db_path, "SELECT asset, b.id, free, locked, total, usd_value, b.created_at, "
        "b.updated_at FROM balances b JOIN wallets w ON w.id = b.wallet_id "
        f"WHERE w.exchange = '{exchange}'")}


@pytest.mark.usefixtures("ticking_store_clock")
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(refreshes=st.lists(rows, min_size=1, max_size=5))
def test_each_refresh_leaves_its_rows_and_rewrites_only_the_changed_ones(
        refreshes: list[dict[str, StoredAmounts]], alice_wallets: WalletRepository,
        db_path: Path) -> None:
    exchange = next(_exchanges)
    before: dict[str, tuple[object, ...]] = {}
    for minute, wanted in enumerate(refreshes):
        alice_wallets.replace_wallet(exchange, StoredWallet(wanted, set(), set()),
                                     T0 + timedelta(minutes=minute))
        ((now,),) = raw_rows(db_path, "SELECT updated_at FROM wallets "
                                      f"WHERE exchange = '{exchange}'")
        after = stored_rows(db_path, exchange)
        assert {asset: row[1:5] for asset, row in after.items()} == wanted
        for asset, (row_id, *amounts, created_at, updated_at) in after.items():
            if asset not in before:
                assert (created_at, updated_at) == (now, now), asset
                continue
            kept_id, *kept_amounts, kept_created, kept_updated = before[asset]
            assert (row_id, created_at) == (kept_id, kept_created), asset
            assert updated_at == (kept_updated if amounts == kept_amounts else now), asset
        before = after
