"""Money over time: points of the portfolio's (or one asset's) value, and how they are summed.

The rule (issue 15): the value at time t is the sum, over wallets, of each wallet's latest
snapshot taken at or before t. A failed refresh stores no snapshot, so the wallet's last
known value stands; a wallet whose key was removed has a closing snapshot worth 0.
A point is made at every moment at which some wallet was snapshotted; one refresh snapshots
all its wallets at one moment, so one refresh makes one point.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from walletdesk.core.money import from_units


class PortfolioPoint(NamedTuple):
    at: datetime
    total_usd_value: Decimal


class AssetPoint(NamedTuple):
    """One asset summed across exchanges at one moment."""

    at: datetime
    asset: str
    total: Decimal
    usd_value: Decimal


SnapshotAmounts = tuple[datetime, str, int, int]
"""One wallet's snapshot as stored: (moment, exchange, total, usd_value), amounts in integer
1e-8 units (``core.money``). A plain tuple: a series reads thousands, and building a
NamedTuple costs more than the query (bench_history.py)."""


def sweep(snapshots: Iterable[SnapshotAmounts]) -> list[tuple[datetime, int, int]]:
    """(moment, summed total, summed usd_value) at every snapshot moment, oldest first.

    ``snapshots`` may come in any order; sums are exact integers.
    """
    latest: dict[str, tuple[int, int]] = {}
    total = usd = 0
    points: list[tuple[datetime, int, int]] = []
    for at, exchange, wallet_total, wallet_usd in sorted(snapshots):  # by moment, exchange
        before = latest.get(exchange, (0, 0))
        latest[exchange] = (wallet_total, wallet_usd)
        total += wallet_total - before[0]
        usd += wallet_usd - before[1]
        if points and points[-1][0] == at:
            points[-1] = (at, total, usd)
        else:
            points.append((at, total, usd))
    return points


def portfolio_points(snapshots: Iterable[SnapshotAmounts],
                     since: datetime | None = None) -> list[PortfolioPoint]:
    """The portfolio's value at each snapshot moment (at or after ``since``)."""
    return [PortfolioPoint(at, from_units(usd)) for at, _total, usd in sweep(snapshots)
            if since is None or at >= since]


def asset_points(asset: str, snapshots: Iterable[SnapshotAmounts],
                 since: datetime | None = None) -> list[AssetPoint]:
    """One asset's amount and value at each snapshot moment, from the first that holds it.

    ``snapshots`` carry the asset's amounts in each wallet snapshot (0 where it is absent).
    """
    points = sweep(snapshots)
    first = next((i for i, (_at, total, usd) in enumerate(points) if total or usd), len(points))
    return [AssetPoint(at, asset, from_units(total), from_units(usd))
            for at, total, usd in points[first:] if since is None or at >= since]


class Change(NamedTuple):
    """How much a value moved over a span: in money and as a fraction of where it started."""

    since: datetime
    amount: Decimal
    fraction: Decimal | None  # None when it started at 0 (no percentage)


def value_at(points: Sequence[PortfolioPoint], moment: datetime) -> Decimal | None:
    """The value at ``moment``: the latest point at or before it (None before the first)."""
    index = bisect_right([p.at for p in points], moment)
    return points[index - 1].total_usd_value if index else None


def change_over(points: Sequence[PortfolioPoint], span: timedelta) -> Change | None:
    """The change from ``span`` before the last point to the last point; None if the history
    does not reach back that far (a partial span would read as a full one)."""
    if not points:
        return None
    latest = points[-1]
    since = latest.at - span
    start = value_at(points, since)
    if start is None:
        return None
    amount = latest.total_usd_value - start
    return Change(since, amount, amount / start if start else None)
