"""Compaction: every point of the last 7 days, then each wallet's last point of each UTC day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.core.history import PortfolioPoint
from walletdesk.store.database import Database, open_database
from walletdesk.store.history import HistoryRepository
from walletdesk.store.history_compaction import compact_history
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import raw_rows, store_balances, valued
from .conftest import ALICE, BOB

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def refresh_at(wallets: WalletRepository, exchange: str, at: datetime, usd: str) -> None:
    store_balances(wallets, exchange, [valued("BTC", "1", usd=usd), valued("ETH", "2", usd="5")],
                   at)


def kept_snapshots(db: Database) -> list[tuple[object, ...]]:
    return raw_rows(db.path, "SELECT s.id, s.user_id, s.exchange, s.taken_at, s.total_usd_value, "
                             "b.asset, b.total, b.usd_value FROM history_snapshots AS s "
                             "JOIN history_balances AS b ON b.snapshot_id = s.id "
                             "ORDER BY s.id, b.asset")


def test_compaction_keeps_the_last_week_whole_and_the_last_point_of_each_older_day(
        db: Database, alice_wallets: WalletRepository) -> None:
    times = [
        NOW - timedelta(days=10, hours=5),  # day -10: two points, the later one stays
        NOW - timedelta(days=10, hours=1),
        NOW - timedelta(days=8, hours=13),  # 2026-11-22 23:00: alone on its day
        NOW - timedelta(days=7, hours=2),   # older than a week, but not its day's last...
        NOW - timedelta(days=6, hours=23),  # ...because this one (same UTC day) is
        NOW - timedelta(hours=3),
        NOW - timedelta(hours=1),
    ]
    for number, at in enumerate(times):
        refresh_at(alice_wallets, "MEXC", at, f"{100 + number}")
    history = HistoryRepository(db, ALICE.id)
    before = {p.at: p.total_usd_value for p in history.portfolio_points()}
    assert compact_history(db, ALICE.id, NOW) == 2
    kept = [times[1], times[2], times[4], times[5], times[6]]
    after = history.portfolio_points()
    assert [p.at for p in after] == kept
    assert all(p.total_usd_value == before[p.at] for p in after)
    assert compact_history(db, ALICE.id, NOW) == 0  # the rule is stable


def test_compaction_is_per_wallet_and_per_user(
        db: Database, alice_wallets: WalletRepository, bob_wallets: WalletRepository) -> None:
    day = NOW - timedelta(days=30)
    refresh_at(alice_wallets, "MEXC", day, "1")
    refresh_at(alice_wallets, "BINANCE", day + timedelta(hours=1), "2")  # last of the day
    refresh_at(bob_wallets, "MEXC", day - timedelta(hours=1), "3")
    refresh_at(bob_wallets, "MEXC", day + timedelta(hours=2), "4")
    assert compact_history(db, ALICE.id, NOW) == 0  # each Alice wallet has one point that day
    assert len(HistoryRepository(db, BOB.id).portfolio_points()) == 2  # Bob's not touched
    assert compact_history(db, BOB.id, NOW) == 1
    assert [p.total_usd_value for p in HistoryRepository(db, BOB.id).portfolio_points()] == [
        Decimal("9")]


@settings(max_examples=25, deadline=None)
@given(offsets=st.lists(st.integers(min_value=0, max_value=40 * 24 * 60), min_size=1,
                        max_size=25, unique=True),
       exchanges=st.lists(st.sampled_from(["MEXC", "BINANCE"]), min_size=25, max_size=25))
def test_compaction_never_changes_a_kept_value_and_keeps_every_day_end(
        tmp_path_factory: pytest.TempPathFactory, offsets: list[int], exchanges: list[str]) -> None:
    path = tmp_path_factory.mktemp("compaction") / "walletdesk.db"
    db = open_database(path)
    try:
        UserRepository(db).ensure(ALICE)
        wallets = WalletRepository(db, ALICE.id)
        for number, minutes in enumerate(offsets):
            refresh_at(wallets, exchanges[number], NOW - timedelta(minutes=minutes), f"{number}.5")
        history = HistoryRepository(db, ALICE.id)
        points = history.portfolio_points()
        rows = kept_snapshots(db)
        compact_history(db, ALICE.id, NOW)
        remaining = kept_snapshots(db)
        assert set(remaining) <= set(rows)  # only deletions, never a rewritten value
        cutoff = NOW - timedelta(days=7)
        assert [p for p in history.portfolio_points() if p.at >= cutoff] == [
            p for p in points if p.at >= cutoff]
        for day_end in {p.at.replace(hour=23, minute=59, second=59, microsecond=999999)
                        for p in points}:
            assert _value_at(history.portfolio_points(), day_end) == _value_at(points, day_end)
    finally:
        db.close()


def _value_at(points: list[PortfolioPoint], moment: datetime) -> Decimal | None:
    before = [p for p in points if p.at <= moment]
    return before[-1].total_usd_value if before else None
