"""What the portfolio header and the allocation chart show, computed without Qt."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from walletdesk.core.exchange_names import DEMO
from walletdesk.core.models import Balance, Portfolio

STALE_AFTER = timedelta(hours=1)
TOP_ASSETS = 6
OTHER = "Other"
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Slice:
    label: str
    usd_value: Decimal
    share: Decimal  # 0..1 of the total


@dataclass(frozen=True, slots=True)
class Summary:
    total_usd: Decimal
    last_updated: datetime | None
    stale: bool
    has_demo: bool
    slices: tuple[Slice, ...]


def summarise(portfolio: Portfolio, now: datetime | None = None) -> Summary:
    last = portfolio.last_updated
    moment = now or datetime.now(UTC)
    return Summary(
        total_usd=portfolio.total_usd_value,
        last_updated=last,
        stale=last is not None and moment - last > STALE_AFTER,
        has_demo=any(wallet.exchange == DEMO for wallet in portfolio.wallets),
        slices=allocation(portfolio.balances),
    )


def allocation(balances: Iterable[Balance], top: int = TOP_ASSETS) -> tuple[Slice, ...]:
    """Share of value per asset (summed over exchanges): the ``top`` largest, then "Other"."""
    per_asset: dict[str, Decimal] = {}
    get = per_asset.get
    for balance in balances:  # 10,000 rows: keep this loop plain
        value = balance.usd_value
        if value > 0:
            asset = balance.asset
            per_asset[asset] = get(asset, _ZERO) + value
    total = sum(per_asset.values(), _ZERO)
    if total <= 0:
        return ()
    largest = heapq.nsmallest(top, per_asset.items(), key=lambda item: (-item[1], item[0]))
    slices = [Slice(asset, value, value / total) for asset, value in largest]
    rest = total - sum((value for _, value in largest), _ZERO)
    if rest > 0:
        slices.append(Slice(OTHER, rest, rest / total))
    return tuple(slices)
