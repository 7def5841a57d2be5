"""The per-asset view of the balances: one row per asset, summed across exchanges.

Amounts and USD values add up exactly (integer units); the row's exchange cell names every
exchange holding the asset, and its time is the oldest of theirs (the group is only as
current as its oldest part). The demo's sample beside real money is a row of its own, not
added in (``core.totals``). Rows come value-descending, as the store returns them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.models import Balance
from walletdesk.core.totals import counted_in_total
from walletdesk.exchanges.catalog import display_name

GroupKey = tuple[str, bool]
"""(asset, counted in the total): which balances one grouped row sums."""


def group_key(exchanges: Iterable[str]) -> Callable[[str, str], GroupKey]:
    """The grouped row a balance of ``exchange`` and ``asset`` belongs to."""
    counted = counted_in_total(exchanges)
    return lambda exchange, asset: (asset, counted(exchange))


def group_by_asset(balances: BalanceTable) -> BalanceTable:
    key = group_key(balances.exchanges())
    groups: dict[GroupKey, list[Balance]] = {}
    for balance in balances:
        groups.setdefault(key(balance.exchange, balance.asset), []).append(balance)
    rows = [_summed(asset, members) for (asset, _counted), members in groups.items()]
    rows.sort(key=lambda b: (-b.usd_value, b.asset.casefold()))
    return BalanceTable.of(rows)


def _summed(asset: str, members: list[Balance]) -> Balance:
    free = sum((b.free for b in members), Decimal(0))
    locked = sum((b.locked for b in members), Decimal(0))
    held_on = {b.exchange for b in members}
    # One exchange keeps its own name, so its row is marked stale, or demo, as a plain row is.
    names = held_on.pop() if len(held_on) == 1 else ", ".join(
        sorted({display_name(b.exchange) for b in members}))
    return Balance(exchange=names, asset=asset, free=free, locked=locked, total=free + locked,
                   usd_value=sum((b.usd_value for b in members), Decimal(0)),
                   priced=all(b.priced for b in members),
                   wallet_updated=min(b.wallet_updated for b in members))
