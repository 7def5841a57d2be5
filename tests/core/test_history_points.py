"""Value series and change figures from snapshots (the rule of core/history.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from walletdesk.core.history import (
    PortfolioPoint,
    SnapshotAmounts,
    change_over,
    portfolio_points,
    value_at,
)

T = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_each_wallet_s_latest_snapshot_counts_once() -> None:
    snapshots: list[SnapshotAmounts] = [(T, "MEXC", 0, 100), (T, "BINANCE", 0, 50),
                                         (T + timedelta(hours=1), "MEXC", 0, 120)]
    assert portfolio_points(snapshots) == [
        PortfolioPoint(T, Decimal("0.00000150")), PortfolioPoint(T + timedelta(hours=1),
                                                                 Decimal("0.00000170"))]


def test_change_over_a_span_starts_from_the_value_then() -> None:
    points = [PortfolioPoint(T - timedelta(days=2), Decimal(80)),
              PortfolioPoint(T - timedelta(hours=30), Decimal(100)),
              PortfolioPoint(T, Decimal(125))]
    day = change_over(points, timedelta(hours=24))
    assert day is not None and (day.amount, day.fraction) == (Decimal(25), Decimal("0.25"))
    assert change_over(points, timedelta(days=7)) is None  # the history is shorter
    assert value_at(points, T - timedelta(days=3)) is None
    started_at_zero = change_over([PortfolioPoint(T - timedelta(days=1), Decimal(0)),
                                   PortfolioPoint(T, Decimal(5))], timedelta(days=1))
    assert started_at_zero is not None and started_at_zero.fraction is None
