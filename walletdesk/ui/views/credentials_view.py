"""The credentials view: the stored API keys and the buttons that change them."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from walletdesk.security.master_key import ENV_VAR
from walletdesk.ui.widgets.data_table import DataTable


class CredentialsView(QWidget):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        buttons = QHBoxLayout()
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table = DataTable("API keys")
        self.empty = QLabel("No API keys yet. Add one with Add API key (Ctrl+N): WalletDesk "
                            "needs a read-only key of each exchange you use.")
        self.empty.setAccessibleName("No API keys yet")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        self.note = QLabel(secret_note())
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Where secrets are kept")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.addActions(actions)  # Enter, Delete and Ctrl+T work while this view has the focus

    def show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)


def secret_note() -> str:
    """Where the key that encrypts the secrets comes from, as it really is on this machine."""
    if os.environ.get(ENV_VAR):
        where = f"a master key from the environment variable {ENV_VAR}"
    else:
        where = "a master key kept in the system keychain (or protected by your password)"
    return (f"Secrets are encrypted on this computer with {where}; WalletDesk never shows "
            "a stored secret again.")
