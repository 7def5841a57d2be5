"""What the balances table shows: search text, one exchange, and the dust threshold.

The filter is evaluated once per change over every balance (a plain Python pass), so
``filterAcceptsRow`` is a list lookup; sorting is delegated to the source model (see
``balances_model``), which keeps the proxy in source order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import repeat
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal

from walletdesk.core.models import Balance
from walletdesk.core.money import ceil_units, from_units
from walletdesk.core.sample import is_sample
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.models.balances_model import BalancesModel


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


class BalancesFilterProxy(QSortFilterProxyModel):
    totals_changed = Signal(object)  # ShownTotals

    def __init__(self, source: BalancesModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = BalanceFilter()
        self._mask: list[bool] | None = None
        self._haystack: list[str] | None = None
        # Connected before setSourceModel, so the mask is ready when the proxy remaps rows.
        source.modelReset.connect(self._apply)
        # The mask changes only through set_filter and resets: a cell that changes (stale
        # marks on 10,000 rows) must not make Qt call filterAcceptsRow for every row again.
        self.setDynamicSortFilter(False)
        self.setSourceModel(source)

    def set_filter(self, balance_filter: BalanceFilter) -> None:
        if balance_filter == self._filter:
            return
        self._filter = balance_filter
        self._mask = self._compute_mask()
        # One layout change: removing thousands of scattered rows one range at a time
        # (what invalidateRowsFilter does) costs the view more.
        self.invalidate()
        self._emit_totals()

    def shown_balances(self) -> list[Balance]:
        """The rows as the table shows them: filtered, in the current sort order."""
        balances, mask = self._source.balances, self._mask
        return [balances[p] for p in self._source.order if mask is None or mask[p]]

    def totals(self) -> ShownTotals:
        balances, mask = self._source.balances, self._mask
        sample = {name: is_sample(name) for name in set(balances.exchanges())}
        real = demo = count = 0
        for units, exchange, keep in zip(balances.units("usd_value"), balances.exchanges(),
                                         mask or repeat(True), strict=False):
            if keep:
                count += 1
                if sample[exchange]:
                    demo += units
                else:
                    real += units
        if sample and all(sample.values()):
            return ShownTotals(count, len(balances), from_units(demo))  # the demo alone
        return ShownTotals(count, len(balances), from_units(real), from_units(demo))

    # --- Qt overrides --------------------------------------------------------------------

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        mask = self._mask
        return mask is None or mask[self._source.order[source_row]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    # --- helpers -------------------------------------------------------------------------

    def _apply(self) -> None:
        self._haystack = None
        self._mask = self._compute_mask()
        self._emit_totals()

    def _emit_totals(self) -> None:
        self.totals_changed.emit(self.totals())

    def _compute_mask(self) -> list[bool] | None:
        search, exchange, min_usd = self._filter.matcher()
        hidden = self._filter.hidden
        if not search and exchange is None and min_usd is None and not hidden:
            return None
        balances = self._source.balances
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

    def _haystack_texts(self) -> list[str]:
        if self._haystack is None:
            balances = self._source.balances
            exchanges = balances.exchanges()
            names = {name: f"{name}\n{display_name(name)}" for name in set(exchanges)}
            self._haystack = [f"{asset}\n{names[name]}".casefold()
                              for asset, name in zip(balances.assets(), exchanges, strict=True)]
        return self._haystack
