"""The first-run screen: what WalletDesk does and the two ways to start."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from walletdesk.exchanges.catalog import real_exchange_names
from walletdesk.ui.widgets.centred import button_row, centred_column, centred_text, heading


class EmptyStateView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading("Your balances, in one place")
        text = centred_text(
            f"Add a read-only API key from {real_exchange_names()} and WalletDesk shows "
            "every asset you hold there, valued in US dollars. Keys stay on this computer, "
            "encrypted.\n\n"
            "Not ready to use a real key? Try the demo: an offline sample portfolio, "
            "clearly marked as demo data, that you can remove at any time."
        )
        self.add_key = QPushButton("Add an API key…")
        self.add_key.setAccessibleName("Add an API key")
        self.add_key.setDefault(True)
        self.try_demo = QPushButton("Try the demo")
        self.try_demo.setAccessibleName("Try the demo")

        self.setLayout(centred_column(
            [title, 8, text, 16, button_row(self.add_key, self.try_demo)]))
