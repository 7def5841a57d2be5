"""The balances view: search, exchange filter, dust threshold, the table and its totals."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from walletdesk.ui.widgets.data_table import DataTable
from walletdesk.ui.widgets.search_field import SearchField

ALL_EXCHANGES = "All exchanges"


class BalancesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchField()
        self.search.setPlaceholderText("Search assets (Ctrl+F; Esc clears)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search balances")
        self.exchange = QComboBox()
        self.exchange.setAccessibleName("Exchange filter")
        self.exchange.addItem(ALL_EXCHANGES, None)
        self.hide_dust = QCheckBox("Hide balances under $")
        self.hide_dust.setAccessibleName("Hide small balances")
        self.dust = QLineEdit()
        self.dust.setAccessibleName("Small balance threshold in USD")
        self.dust.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}([.,]\d{0,8})?")))
        self.dust.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self.show_hidden = QCheckBox("Show hidden")
        self.show_hidden.setAccessibleName("Show hidden assets")
        self.show_hidden.setToolTip("Assets you hid one by one (right-click a row to hide it)")
        self.show_hidden.setVisible(False)
        self.group = QCheckBox("Group by asset")
        self.group.setAccessibleName("Group balances by asset")
        self.group.setToolTip("One row per asset, summed across your exchanges")
        self.table = DataTable("Balances")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.no_match = QLabel()
        self.no_match.setAccessibleName("No matching balances")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.setVisible(False)
        self.totals = QLabel()
        self.totals.setAccessibleName("Totals of the shown balances")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.exchange, 1)
        filters.addSpacing(12)
        filters.addWidget(self.hide_dust)
        filters.addWidget(self.dust)
        filters.addWidget(self.show_hidden)
        filters.addWidget(self.group)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def set_exchanges(self, choices: list[tuple[str, str]]) -> None:
        """Offer these (canonical, shown name) choices, keeping the current one if present."""
        current = self.exchange.currentData()
        self.exchange.blockSignals(True)
        self.exchange.clear()
        self.exchange.addItem(ALL_EXCHANGES, None)
        for canonical, shown in choices:
            self.exchange.addItem(shown, canonical)
        index = self.exchange.findData(current)
        self.exchange.setCurrentIndex(max(index, 0))
        self.exchange.blockSignals(False)
        if index < 0 and current is not None:
            self.exchange.currentIndexChanged.emit(0)
