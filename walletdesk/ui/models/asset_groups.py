"""The per-asset view of the balances: one row per asset, summed across exchanges.

Amounts and USD values add up exactly (integer units); the row's exchange cell names every
exchange holding the asset, and its time is the oldest of theirs (the group is only as
current as its oldest part). Rows come value-descending, as the store returns them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.models import Balance
from walletdesk.exchanges.catalog import display_name


def group_by_asset(balances: Iterable[Balance]) -> BalanceTable:
    groups: dict[str, list[Balance]] = {}
    for balance in balances:
        groups.setdefault(balance.asset, []).append(balance)
    rows = [_summed(asset, members) for asset, members in groups.items()]
    rows.sort(key=lambda b: (-b.usd_value, b.asset.casefold()))
    return BalanceTable.of(rows)


def _summed(asset: str, members: list[Balance]) -> Balance:
    free = sum((b.free for b in members), Decimal(0))
    locked = sum((b.locked for b in members), Decimal(0))
    names = ", ".join(sorted({display_name(b.exchange) for b in members}))
    return Balance(exchange=names, asset=asset, free=free, locked=locked, total=free + locked,
                   usd_value=sum((b.usd_value for b in members), Decimal(0)),
                   priced=all(b.priced for b in members),
                   wallet_updated=min(b.wallet_updated for b in members))
