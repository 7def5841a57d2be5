"""What a refresh stores for one key's holdings, read back as ``Decimal``s: for tests that
check an account's values and routes through the refresh's own fold and valuation
(``controllers.wallet_fold``, ``pricing.value_units``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from walletdesk.controllers.wallet_fold import fold
from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.core.money import from_units


class Valued(NamedTuple):
    free: Decimal
    locked: Decimal
    usd_value: Decimal
    priced: bool
    route: str  # "" when unpriced


def refreshed(amounts: Iterable[AssetAmount],
              prices: Mapping[str, Decimal]) -> dict[str, Valued]:
    """Each asset stored, in the order the amounts give them (no zero total)."""
    stored = fold({"key": Holdings(tuple(amounts))}).stored(prices)
    routes = {asset: route for asset, route, _ in stored.valuations}
    return {asset: Valued(from_units(free), from_units(locked), from_units(usd),
                          asset in routes, routes.get(asset, ""))
            for asset, (free, locked, _, usd) in stored.rows.items()}
