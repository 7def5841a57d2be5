"""The wallets view: one row per exchange wallet."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from walletdesk.ui.widgets.data_table import DataTable


class WalletsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = DataTable("Wallets")
        note = QLabel("One wallet per exchange, holding the balances of all its keys. When a "
                      "refresh fails, the previous numbers stay and the row is marked. "
                      "Double-click a wallet to see its balances.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
