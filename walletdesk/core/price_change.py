"""The 24h change of an asset's price, from the user's own history.

The rule: a wallet's rows are priced as of its latest snapshot (the current balances are
written with it); the price they are compared with is the asset's in that wallet's latest
snapshot taken at or before 24 h earlier. Where the history does not reach back that far,
or the asset was absent or unpriced then, there is no change (None, shown "—"): a shorter
span would read as a full one. A price is USD value / amount, exact Decimal division.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal

CHANGE_SPAN = timedelta(hours=24)

PastHoldings = Mapping[tuple[str, str], tuple[int, int]]
"""(exchange, asset) -> (total, usd_value) in integer 1e-8 units, in the wallet's snapshot
at or before ``CHANGE_SPAN`` before its latest (``HistoryRepository.holdings_before``)."""


def past_price(holdings: PastHoldings, exchanges: Iterable[str], asset: str) -> Decimal | None:
    """The asset's price then, summed over these exchanges (one row, or an asset's group)."""
    total = usd = 0
    found = False
    for exchange in exchanges:
        held = holdings.get((exchange, asset))
        if held is not None:
            found = True
            total += held[0]
            usd += held[1]
    if not found or total <= 0 or usd <= 0:
        return None
    return Decimal(usd) / Decimal(total)


def price_change(now: Decimal | None, then: Decimal | None) -> Decimal | None:
    """The fraction the price moved by (0.05 = +5 %); None without both prices."""
    if now is None or then is None or then <= 0:
        return None
    return (now - then) / then
