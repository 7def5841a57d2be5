"""What the portfolio header and the allocation chart show, computed without Qt."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import compress

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.models import Portfolio
from walletdesk.core.money import from_units
from walletdesk.core.sample import is_sample
from walletdesk.core.totals import Totals, wallet_totals

TOP_ASSETS = 6
OTHER = "Other"


@dataclass(frozen=True, slots=True)
class Slice:
    label: str
    usd_value: Decimal
    share: Decimal  # 0..1 of the total


@dataclass(frozen=True, slots=True)
class Summary:
    """What does not change with the clock; freshness is asked for separately."""

    totals: Totals  # real money, and the demo's sample money apart
    last_updated: datetime | None
    slices: tuple[Slice, ...]  # of real money (of the demo's only when that is all there is)

    @property
    def total_usd(self) -> Decimal:
        return self.totals.shown


def summarise(portfolio: Portfolio) -> Summary:
    totals = wallet_totals(portfolio.wallets)
    return Summary(
        totals=totals,
        last_updated=portfolio.last_updated,
        slices=allocation(portfolio.balances, samples=totals.demo_only),
    )


def allocation(balances: BalanceTable, top: int = TOP_ASSETS, *,
               samples: bool = False) -> tuple[Slice, ...]:
    """Share of value per asset (summed over exchanges): the ``top`` largest, then "Other".
    Real money only, or (``samples``) the demo's sample money only: never the two mixed."""
    exchanges = balances.exchanges()
    names = set(exchanges)
    kept = {name for name in names if is_sample(name) == samples}
    assets: Iterable[str] = balances.assets()
    values: Iterable[int] = balances.units("usd_value")
    if kept != names:  # real money beside the demo's: the rows of one of them, picked in C
        chosen = list(map(kept.__contains__, exchanges))
        assets, values = compress(assets, chosen), compress(values, chosen)
    per_asset: dict[str, int] = {}  # in exact integer units: 10,000 rows, keep this plain
    get = per_asset.get
    for asset, units in zip(assets, values, strict=True):
        if units > 0:
            per_asset[asset] = get(asset, 0) + units
    total = sum(per_asset.values())
    if total <= 0:
        return ()
    largest = _largest(per_asset, top)
    whole = from_units(total)
    slices = [Slice(asset, from_units(units), from_units(units) / whole)
              for asset, units in largest]
    rest = total - sum(units for _, units in largest)
    if rest > 0:
        slices.append(Slice(OTHER, from_units(rest), from_units(rest) / whole))
    return tuple(slices)


def _largest(per_asset: dict[str, int], top: int) -> list[tuple[str, int]]:
    """The ``top`` largest values, ties by name: what sorting every asset by (-value, name)
    would put first, with that key built only for the assets at or above the ``top``-th
    largest value (a key per asset cost a 10,000-asset first paint ~1 ms)."""
    items: Iterable[tuple[str, int]] = per_asset.items()
    if 0 < top < len(per_asset):
        cutoff = heapq.nlargest(top, per_asset.values())[-1]
        items = [item for item in items if item[1] >= cutoff]
    return sorted(items, key=lambda item: (-item[1], item[0]))[:top]
