"""The first-run screen: what WalletDesk does and the two ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from walletdesk.ui.widgets.centred import centred_column


class EmptyStateView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Your balances, in one place")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            "Add a read-only API key from MEXC or Binance and WalletDesk shows every asset "
            "you hold there, valued in US dollars. Keys stay on this computer, encrypted.\n\n"
            "Not ready to use a real key? Try the demo: an offline sample portfolio, "
            "clearly marked as demo data, that you can remove at any time."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.add_key = QPushButton("Add an API key…")
        self.add_key.setAccessibleName("Add an API key")
        self.add_key.setDefault(True)
        self.try_demo = QPushButton("Try the demo")
        self.try_demo.setAccessibleName("Try the demo")

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_key)
        buttons.addWidget(self.try_demo)
        buttons.addStretch(1)
        self.setLayout(centred_column([title, 8, text, 16, buttons]))
