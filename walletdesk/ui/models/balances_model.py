"""The balances table: 10,000 rows must appear at once, and sort and scroll smoothly.

Four habits keep it fast. The rows are a ``BalanceTable``: a ``Balance`` is built only for
a row that is shown. Cell text is formatted only when a row is first shown, then cached.
Sorting happens here, with Python's sort over key columns (integer units for amounts),
instead of in ``QSortFilterProxyModel`` (whose C++ sort would call back into ``data()``
some 250,000 times for 10,000 rows). And the view uses fixed row heights, so nothing
measures rows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from walletdesk.core.balance_table import EMPTY_TABLE, BalanceTable
from walletdesk.core.exchange_names import display_name
from walletdesk.core.models import Balance
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.roles import EXACT_ROLE, LEFT, RECORD_ROLE, RIGHT

ASSET, EXCHANGE, FREE, LOCKED, TOTAL, USD, SHARE = range(7)
HEADERS = ("Asset", "Exchange", "Free", "Locked", "Total", "USD value", "Share")
NUMERIC = frozenset({FREE, LOCKED, TOTAL, USD, SHARE})

Index = QModelIndex | QPersistentModelIndex
_ShownRow = tuple[Balance, tuple[str, ...]]  # a row's record and its cells' text


def _by_asset(table: BalanceTable) -> list[tuple[str, str]]:
    return list(zip([a.casefold() for a in table.assets()], table.exchanges(), strict=True))


def _by_exchange(table: BalanceTable) -> list[tuple[str, str]]:
    return list(zip(table.exchanges(), [a.casefold() for a in table.assets()], strict=True))


_SORT_KEYS: dict[int, Callable[[BalanceTable], list[Any]]] = {
    ASSET: _by_asset,
    EXCHANGE: _by_exchange,
    FREE: lambda t: t.units("free"),
    LOCKED: lambda t: t.units("locked"),
    TOTAL: lambda t: t.units("total"),
    USD: lambda t: t.units("usd_value"),
    SHARE: lambda t: t.units("usd_value"),
}


class BalancesModel(QAbstractTableModel):
    """Rows are the ``balances`` table's; ``order`` maps a row to its index in the table."""

    def __init__(self, formatter: Formatter, parent: Any = None) -> None:
        super().__init__(parent)
        self._format = formatter
        self.balances = EMPTY_TABLE
        self.order: list[int] = []
        self._shown: list[_ShownRow | None] = []  # by table index, filled as rows show
        self._keys: dict[int, list[Any]] = {}
        self._total = Decimal(0)
        self._sort = (USD, Qt.SortOrder.DescendingOrder)

    # --- content ---------------------------------------------------------------------------

    def set_balances(self, balances: BalanceTable, total_usd: Decimal) -> None:
        self.beginResetModel()
        self.balances = balances
        self._total = total_usd
        self._shown = [None] * len(balances)
        self._keys = {}
        self.order = self._sorted_order(*self._sort)
        self.endResetModel()

    def balance_at(self, row: int) -> Balance:
        return self._row(self.order[row])[0]

    def share_of(self, balance: Balance) -> Decimal:
        return balance.usd_value / self._total if self._total > 0 else Decimal(0)

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT if section in NUMERIC else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in NUMERIC else LEFT
        balance, text = self._row(self.order[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return text[column]
        if role in (Qt.ItemDataRole.ToolTipRole, EXACT_ROLE):
            return self._exact(balance, column, tooltip=role != EXACT_ROLE)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (USD, SHARE) and not balance.priced:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == RECORD_ROLE:
            return balance
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS or (column, order) == self._sort:
            return  # QTableView.sortByColumn asks twice; the rows are in this order already
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = [self.order[index.row()] for index in persistent]
        self.order = self._sorted_order(column, order)
        if persistent:
            new_rows = {position: row for row, position in enumerate(self.order)}
            moved = [
                self.index(new_rows[position], index.column())
                for index, position in zip(persistent, positions, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    # --- helpers ---------------------------------------------------------------------------

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = _SORT_KEYS[column](self.balances)
        descending = order == Qt.SortOrder.DescendingOrder
        positions = range(len(self.balances))
        if _is_sorted(keys, descending):  # the store already returns value-descending rows
            return list(positions)
        return sorted(positions, key=keys.__getitem__, reverse=descending)

    def _row(self, position: int) -> _ShownRow:
        shown = self._shown[position]
        if shown is None:
            balance = self.balances[position]
            shown = self._shown[position] = (balance, self._row_text(balance))
        return shown

    def _row_text(self, balance: Balance) -> tuple[str, ...]:
        fmt = self._format
        priced = balance.priced
        return (
            balance.asset,
            display_name(balance.exchange),
            fmt.amount(balance.free),
            fmt.amount(balance.locked),
            fmt.amount(balance.total),
            fmt.usd(balance.usd_value) if priced else "no price",
            fmt.share(self.share_of(balance)) if priced else "—",
        )

    def _exact(self, balance: Balance, column: int, *, tooltip: bool) -> str:
        exact = self._format.exact
        if column == ASSET:
            return balance.asset
        if column == EXCHANGE:
            return display_name(balance.exchange)
        if column == FREE:
            return exact(balance.free)
        if column == LOCKED:
            return exact(balance.locked)
        if column == TOTAL:
            return exact(balance.total)
        if column == USD:
            if not balance.priced and tooltip:
                return "No USD price was found for this asset on its exchange."
            return exact(balance.usd_value)
        percent = self.share_of(balance) * 100
        return f"{percent:.8f} %" if tooltip else f"{percent:.2f}%"  # a spreadsheet reads "12.34%"


def _is_sorted(keys: list[Any], descending: bool) -> bool:
    if descending:
        return all(a >= b for a, b in pairwise(keys))
    return all(a <= b for a, b in pairwise(keys))

