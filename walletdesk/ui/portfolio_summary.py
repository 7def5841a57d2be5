"""What the portfolio header and the allocation chart show, computed without Qt."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.exchange_names import DEMO
from walletdesk.core.models import Portfolio
from walletdesk.core.money import from_units

STALE_AFTER = timedelta(hours=1)
TOP_ASSETS = 6
OTHER = "Other"


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


def allocation(balances: BalanceTable, top: int = TOP_ASSETS) -> tuple[Slice, ...]:
    """Share of value per asset (summed over exchanges): the ``top`` largest, then "Other"."""
    per_asset: dict[str, int] = {}  # in exact integer units: 10,000 rows, keep this plain
    get = per_asset.get
    for asset, units in zip(balances.assets(), balances.units("usd_value"), strict=True):
        if units > 0:
            per_asset[asset] = get(asset, 0) + units
    total = sum(per_asset.values())
    if total <= 0:
        return ()
    largest = heapq.nsmallest(top, per_asset.items(), key=lambda item: (-item[1], item[0]))
    whole = from_units(total)
    slices = [Slice(asset, from_units(units), from_units(units) / whole)
              for asset, units in largest]
    rest = total - sum(units for _, units in largest)
    if rest > 0:
        slices.append(Slice(OTHER, from_units(rest), from_units(rest) / whole))
    return tuple(slices)
