"""The balances table: 10,000 rows must appear at once, and sort and scroll smoothly.

Four habits keep it fast. The rows are a ``BalanceTable``: a ``Balance`` is built only for
a row that is shown. Cell text is formatted only when a row is first shown, then cached.
Sorting and filtering happen here, with Python's sort over key columns (integer units for
amounts) and a mask (``balances_filter``), instead of in a ``QSortFilterProxyModel`` (whose
C++ sort would call back into ``data()`` some 250,000 times for 10,000 rows, and whose
mapping alone cost the first paint ~8 ms). And the view uses fixed row heights, so nothing
measures rows.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from walletdesk.core.balance_table import EMPTY_TABLE, BalanceTable
from walletdesk.core.currency import AS_STORED, ShownCurrency
from walletdesk.core.models import Balance
from walletdesk.core.sample import is_sample
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.balance_columns import (
    CHANGE,
    COLUMNS,
    EXCHANGE,
    USD,
    Cell,
    PastPrices,
    change_of,
    decimals_needed,
    share_of,
)
from walletdesk.ui.models.balances_filter import BalanceFilter, Mask, RowFilter, ShownTotals
from walletdesk.ui.models.check_status import CheckLevel
from walletdesk.ui.models.icons import status_icon
from walletdesk.ui.models.roles import EXACT_ROLE, LEFT, RECORD_ROLE, RIGHT

Index = QModelIndex | QPersistentModelIndex
_ShownRow = tuple[Cell, tuple[str, ...], int]  # a row's record, its cells' text, the
# sign of its 24h change (its colour)
_ICON = Qt.ItemDataRole.DecorationRole
_STALE_ROLES = (_ICON, Qt.ItemDataRole.ToolTipRole)


class BalancesModel(QAbstractTableModel):
    """Rows are the ``balances`` table's that the filter shows, in the sort order; ``order``
    maps a row to its index in the table."""

    totals_changed = Signal(object)  # ShownTotals, after new balances or a new filter

    def __init__(self, formatter: Formatter, parent: Any = None) -> None:
        super().__init__(parent)
        self._format = formatter
        self.balances = EMPTY_TABLE
        self.order: list[int] = []  # the rows shown
        self._sorted: list[int] = []  # every row, in the sort order
        self._filter = BalanceFilter()
        self._rows = RowFilter(EMPTY_TABLE)
        self._mask: Mask = None
        self._shown: list[_ShownRow | None] = []  # by table index, filled as rows show
        self._keys: dict[int, Sequence[Any]] = {}
        self._total = Decimal(0)
        self._demo_counted = True
        self._decimals: dict[str, int] = {}
        self._sort = (USD, Qt.SortOrder.DescendingOrder)
        self._stale: Mapping[str, str] = {}  # exchange -> why its rows are not current
        self._past: PastPrices = {}  # loaded after the first paint (history is not on its path)
        self._currency = AS_STORED  # a display currency's rate arrives after the first paint

    # --- content ---------------------------------------------------------------------------

    def set_balances(self, balances: BalanceTable, total_usd: Decimal, *,
                     demo_counted: bool = True) -> bool:
        """``total_usd`` is what shares are of; ``demo_counted`` False: demo rows are
        beside real money and not part of it. Returns whether the rows changed (False:
        the same rows again, kept as they are shown)."""
        if (balances.same_rows(self.balances) and total_usd == self._total
                and demo_counted == self._demo_counted):
            self._keep_rows(balances)
            return False
        self.beginResetModel()
        self.balances = balances
        self._total = total_usd
        self._demo_counted = demo_counted
        self._decimals = {c.field: decimals_needed(balances.units(c.field))
                          for c in COLUMNS if c.field is not None}
        self._shown = [None] * len(balances)
        self._keys = {}
        self._rows = RowFilter(balances)
        self._mask = self._rows.mask(self._filter)
        self._sorted = self._sorted_order(*self._sort)
        self.order = self._filtered(self._sorted)
        self.endResetModel()
        self.totals_changed.emit(self.totals())
        return True

    def _keep_rows(self, balances: BalanceTable) -> None:
        """The rows shown, again: the load after the first paint, or a reload that found
        nothing new. Only what is kept beside them (price route, priced, sources) may
        differ, and the formatter may have changed (privacy mode), so the texts are remade
        as rows show and the totals are told again; the order, the filter's mask and the
        sort keys hold, and without a reset the selection and the scroll position stay
        (a reset cleared a row chosen while the window was still loading)."""
        self.balances = balances
        self._rows = RowFilter(balances)  # the same columns: the mask holds
        self._shown = [None] * len(balances)
        if self.order:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.order) - 1, len(COLUMNS) - 1))
        self.totals_changed.emit(self.totals())

    def set_filter(self, balance_filter: BalanceFilter) -> None:
        """Show only the rows this filter keeps (one layout change, which keeps the
        selection of rows that stay; removing thousands of scattered rows range by range
        would cost the view more)."""
        if balance_filter == self._filter:
            return
        self._filter = balance_filter
        self._mask = self._rows.mask(balance_filter)
        self._relayout(self._sorted)
        self.totals_changed.emit(self.totals())

    def totals(self) -> ShownTotals:
        return self._rows.totals(self._mask)

    def shown_balances(self) -> list[Balance]:
        """The rows as the table shows them: filtered, in the current sort order."""
        return [self.balances[p] for p in self.order]

    def all_balances(self) -> list[Balance]:
        """Every row, filtered or not, in the table's sort order."""
        return [self.balances[p] for p in self._sorted]

    def set_past_prices(self, past: PastPrices) -> None:
        """The prices 24 h before, for the 24h change column (arrives after the rows)."""
        if past == self._past:
            return
        self._past = past
        self._shown = [None] * len(self.balances)  # texts are remade as rows show
        self._keys.pop(CHANGE, None)
        if self._sort[0] == CHANGE:
            self._reorder(*self._sort)
        if self.order:
            self.dataChanged.emit(self.index(0, CHANGE), self.index(len(self.order) - 1, CHANGE))

    def set_currency(self, shown: ShownCurrency) -> None:
        """Show money in this currency: texts are remade (converted) as rows show again;
        sorting stays on the stored USD columns, whose order one rate keeps."""
        if shown == self._currency:
            return
        self._currency = shown
        self._shown = [None] * len(self.balances)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.order:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.order) - 1, len(COLUMNS) - 1))

    @property
    def currency(self) -> ShownCurrency:
        return self._currency

    def set_stale(self, stale: Mapping[str, str]) -> None:
        """Mark the rows of these exchanges (the text says why) as not current."""
        if stale == self._stale:
            return
        self._stale = dict(stale)
        if self.order:
            self.dataChanged.emit(self.index(0, EXCHANGE), self.index(len(self.order) - 1,
                                                                      EXCHANGE))

    def widest_text(self, column: int) -> str | None:
        """The widest text ``column`` should show whole for these balances."""
        spec = COLUMNS[column]
        if spec.widest is None:
            return None
        return spec.widest(self.balances, self._format,
                           self._decimals.get(spec.field, 0) if spec.field else 0,
                           self._currency)

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header_in(self._currency.code)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT if COLUMNS[section].numeric else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        cell, text, change_sign = self._row(self.order[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return text[index.column()]
        if index.column() == EXCHANGE and role in _STALE_ROLES:
            why = self._stale.get(cell.balance.exchange)
            if why is not None:
                return status_icon(CheckLevel.WARNING) if role == _ICON else why
        if role == EXACT_ROLE:
            return column.exact(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.exact)(cell)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.needs_price and not cell.balance.priced:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            if index.column() == CHANGE and change_sign and not self._format.private:
                from walletdesk.ui.change_colours import change_colour  # history came: painted

                return change_colour(change_sign,
                                     QGuiApplication.palette().color(QPalette.ColorRole.Base))
            return None
        if role == RECORD_ROLE:
            return cell.balance
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or (column, order) == self._sort:
            return  # QTableView.sortByColumn asks twice; the rows are in this order already
        self._sort = (column, order)
        self._reorder(column, order)

    def _reorder(self, column: int, order: Qt.SortOrder) -> None:
        self._relayout(self._sorted_order(column, order))

    def _relayout(self, sorted_rows: list[int]) -> None:
        """Show these rows (filtered) in this order; persistent indexes (the selection)
        follow their rows, and those of rows no longer shown become invalid."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = [self.order[index.row()] for index in persistent]
        self._sorted = sorted_rows
        self.order = self._filtered(sorted_rows)
        if persistent:
            new_rows = {position: row for row, position in enumerate(self.order)}
            moved = [
                self.index(new_rows[position], index.column()) if position in new_rows
                else QModelIndex()
                for index, position in zip(persistent, positions, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _filtered(self, rows: list[int]) -> list[int]:
        mask = self._mask
        return rows if mask is None else [p for p in rows if mask[p]]

    # --- helpers ---------------------------------------------------------------------------

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = COLUMNS[column].sort_keys(self.balances, self._past)
        descending = order == Qt.SortOrder.DescendingOrder
        positions = range(len(self.balances))
        if _is_sorted(keys, descending):  # the store already returns value-descending rows
            return list(positions)
        return sorted(positions, key=keys.__getitem__, reverse=descending)

    def _row(self, position: int) -> _ShownRow:
        shown = self._shown[position]
        if shown is None:
            balance = self.balances[position]
            counted = self._demo_counted or not is_sample(balance.exchange)
            shown_in = self._currency
            cell = Cell(balance, share_of(balance, self._total), self._format, counted,
                        self._decimals, self._past.get((balance.exchange, balance.asset)),
                        shown_in, shown_in.of(balance.usd_value) if shown_in.rate else None)
            change = change_of(cell)
            sign = 0 if change is None or change == 0 else 1 if change > 0 else -1
            shown = self._shown[position] = (cell, tuple(c.text(cell) for c in COLUMNS), sign)
        return shown


def _is_sorted(keys: Sequence[Any], descending: bool) -> bool:
    """Each key against the next, compared in C (a generator of pairs cost ~1 ms a 10,000-row
    first paint)."""
    return all(map(operator.ge if descending else operator.le, keys, islice(keys, 1, None)))

