"""A QTableView set up for big, read-only tables: fixed row heights, row selection,
header sorting, and Ctrl+C copying the selected rows as tab-separated exact values."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from walletdesk.ui.models.roles import EXACT_ROLE


class DataTable(QTableView):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        columns.setHighlightSections(False)
        columns.setSortIndicatorShown(True)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.setSortingEnabled(model is not None)

    def fit_to_text(self, column: int, text: str) -> None:
        """Widen ``column`` to show ``text`` and its header whole (never narrows it): the
        policy for numbers, which must never be cut off. Text columns elide instead, and
        show the whole in their tooltip."""
        header = self.horizontalHeader()
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        needed = max(self.fontMetrics().horizontalAdvance(text) + margin,
                     header.sectionSizeFromContents(column).width())
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)

    def fit_numbers(self, sample_rows: int = 1000) -> None:
        """For small record tables: widen every right-aligned (number) column to its widest
        text among the rows, so that no number is cut off."""
        model = self.model()
        if model is None:
            return
        rows = min(model.rowCount(), sample_rows)
        for column in range(model.columnCount()):
            alignment = model.headerData(column, Qt.Orientation.Horizontal,
                                         Qt.ItemDataRole.TextAlignmentRole)
            if not alignment or not int(alignment) & int(Qt.AlignmentFlag.AlignRight):
                continue
            texts = [str(model.index(row, column).data() or "") for row in range(rows)]
            if texts:
                self.fit_to_text(column, max(texts, key=self.fontMetrics().horizontalAdvance))

    def restore_header(self, state: QByteArray | None, default_sort: tuple[int, Qt.SortOrder],
                       widths: tuple[int, ...] = ()) -> None:
        """Column widths and sort order from a saved state, else the defaults given
        (widths in average characters)."""
        header = self.horizontalHeader()
        if state is None or not header.restoreState(state):
            char = self.fontMetrics().averageCharWidth()
            for column, width in enumerate(widths):
                header.resizeSection(column, width * char + 16)
            header.setSortIndicator(*default_sort)
        self.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def header_state(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def selected_rows_text(self) -> str:
        """The selected rows, in view order, as tab-separated exact values (no header)."""
        model = self.model()
        if model is None:
            return ""
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        header = self.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count())
                   if not header.isSectionHidden(header.logicalIndex(v))]
        lines = ["\t".join(_cell(model, row, column) for column in columns) for row in rows]
        return "\n".join(lines)

    def copy_selection(self) -> None:
        text = self.selected_rows_text()
        if text:
            QGuiApplication.clipboard().setText(text + "\n")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)


def _cell(model: QAbstractItemModel, row: int, column: int) -> str:
    value = model.data(model.index(row, column), EXACT_ROLE)
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\n", " ")
