"""Each shown row's price 24 h before, from what the wallets held then (``core.price_change``).

A plain row is one asset on one exchange; a grouped row (``asset_groups``) sums the asset
across every exchange that holds it now, so its price then is summed over the same ones.
"""

from __future__ import annotations

from decimal import Decimal

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.price_change import PastHoldings, past_price
from walletdesk.ui.models.asset_groups import GroupKey, group_key
from walletdesk.ui.models.balance_columns import PastPrices


def row_past_prices(rows: BalanceTable, balances: BalanceTable, holdings: PastHoldings,
                    *, grouped: bool) -> PastPrices:
    """``rows`` are shown (``balances`` themselves, or grouped from them)."""
    if not holdings:
        return {}
    holders: dict[GroupKey, list[str]] = {}
    key = group_key(balances.exchanges())
    if grouped:
        for exchange, asset in zip(balances.exchanges(), balances.assets(), strict=True):
            holders.setdefault(key(exchange, asset), []).append(exchange)
    past: dict[tuple[str, str], Decimal] = {}
    for exchange, asset in zip(rows.exchanges(), rows.assets(), strict=True):
        # A grouped row's own exchange cell gives its key back: one exchange's name, or
        # real names joined (``asset_groups``).
        held_on = holders.get(key(exchange, asset), ()) if grouped else (exchange,)
        price = past_price(holdings, held_on, asset)
        if price is not None:
            past[(exchange, asset)] = price
    return past
