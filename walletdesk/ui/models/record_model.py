"""A small, sortable table of records described by column specs (credentials, wallets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from walletdesk.ui.models.roles import EXACT_ROLE, LEFT, RECORD_ROLE, RIGHT

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any]
    tooltip: Callable[[R], str | None] | None = None
    icon: Callable[[R], QIcon | None] | None = None
    numeric: bool = False


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[R] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def update_rows(self, change: Callable[[R], R]) -> None:
        """Change every row in place (same order, same selection): for texts that depend on
        the clock, which a reset would make the view lose its place for."""
        if not self._rows:
            return
        self._rows = [change(row) for row in self._rows]
        self.dataChanged.emit(self.index(0, 0),
                              self.index(len(self._rows) - 1, len(self._columns) - 1))

    def rename(self, section: int, header: str) -> None:
        """A header that says what its numbers are in (the display currency, say)."""
        column = self._columns[section]
        if column.header == header:
            return
        self._columns = (*self._columns[:section], replace(column, header=header),
                         *self._columns[section + 1:])
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_record(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, EXACT_ROLE):
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record) if column.tooltip else None
        if role == Qt.ItemDataRole.DecorationRole:
            return column.icon(record) if column.icon else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        if role == RECORD_ROLE:
            return record
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        records = [self._rows[index.row()] for index in persistent]
        self._sort_rows(column, order)
        rows = {id(record): row for row, record in enumerate(self._rows)}
        moved = [self.index(rows[id(record)], index.column())
                 for index, record in zip(persistent, records, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        key = self._columns[column].sort_key
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
