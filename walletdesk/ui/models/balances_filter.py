"""What the balances table shows: search text, one exchange, the dust threshold, and the
assets the user hid.

The filter is evaluated once per change over every balance (a plain Python pass over the
table's columns) into a mask, which ``BalancesModel`` applies to its sorted rows. There is
no ``QSortFilterProxyModel`` in between: mapping 10,000 rows through one (a Python
``filterAcceptsRow`` per row, then an index mapping for every painted cell) cost the first
paint ~8 ms that a list comprehension over the mask does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import compress, repeat
from operator import and_

from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.money import ceil_units, from_units
from walletdesk.core.sample import is_sample
from walletdesk.exchanges.catalog import display_name

Mask = list[bool] | None  # by table index; None: every row shows


@dataclass(frozen=True, slots=True)
class BalanceFilter:
    search: str = ""
    exchange: str | None = None  # canonical name, None for every exchange
    min_usd: Decimal | None = None  # hide balances whose USD value is below this
    hidden: frozenset[tuple[str, str]] = frozenset()  # (exchange, asset) the user hid: spam

    def matcher(self) -> tuple[str, str | None, Decimal | None]:
        return self.search.strip().casefold(), self.exchange, self.min_usd


@dataclass(frozen=True, slots=True)
class ShownTotals:
    count: int
    of: int
    usd_value: Decimal  # real money shown (the demo's, when there is nothing else)
    demo_apart: Decimal = Decimal(0)  # demo money shown beside real money, not in usd_value


class RowFilter:
    """A filter's mask over one table; the search texts are built once per table."""

    def __init__(self, balances: BalanceTable) -> None:
        self._balances = balances
        self._haystack: list[str] | None = None

    def mask(self, balance_filter: BalanceFilter) -> Mask:
        search, exchange, min_usd = balance_filter.matcher()
        hidden = balance_filter.hidden
        if not search and exchange is None and min_usd is None and not hidden:
            return None
        balances = self._balances
        mask = [True] * len(balances)
        if hidden:
            mask = [(name, asset) not in hidden for name, asset in
                    zip(balances.exchanges(), balances.assets(), strict=True)]
        if exchange is not None:
            mask = [keep and name == exchange
                    for keep, name in zip(mask, balances.exchanges(), strict=True)]
        if min_usd is not None:  # unpriced is not dust: an amount without a price stays
            least = ceil_units(min_usd)
            mask = [keep and (units >= least or (units == 0 and total != 0))
                    for keep, units, total in zip(mask, balances.units("usd_value"),
                                                  balances.units("total"), strict=True)]
        if search:
            haystack = self._haystack_texts()
            mask = [keep and search in text for keep, text in zip(mask, haystack, strict=True)]
        return mask

    def totals(self, mask: Mask) -> ShownTotals:
        """The count and worth of the rows ``mask`` shows: real money, the demo's apart."""
        balances = self._balances
        keep = mask or list(repeat(True, len(balances)))
        usd, exchanges = balances.units("usd_value"), balances.exchanges()
        samples = {name for name in set(exchanges) if is_sample(name)}
        shown = len(balances) if mask is None else sum(mask)
        if not samples:  # the usual case: one sum in C, no per-row test
            return ShownTotals(shown, len(balances), from_units(sum(compress(usd, keep))))
        demo_rows = map(samples.__contains__, exchanges)
        demo = sum(compress(usd, demo_rows if mask is None else map(and_, keep, demo_rows)))
        everything = sum(compress(usd, keep))
        if samples == set(exchanges):
            return ShownTotals(shown, len(balances), from_units(demo))  # the demo alone
        return ShownTotals(shown, len(balances), from_units(everything - demo),
                           from_units(demo))

    def _haystack_texts(self) -> list[str]:
        if self._haystack is None:
            balances = self._balances
            exchanges = balances.exchanges()
            names = {name: f"{name}\n{display_name(name)}" for name in set(exchanges)}
            self._haystack = [f"{asset}\n{names[name]}".casefold()
                              for asset, name in zip(balances.assets(), exchanges, strict=True)]
        return self._haystack
