"""The dialog shown when the window cannot start: started from a desktop menu there is no
terminal, so a line on stderr alone would go unseen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from walletdesk.ui.gui_main import application

TITLE = "WalletDesk cannot start"


def show_start_failure(message: str) -> None:
    application()
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, TITLE, QMessageBox.StandardButton.Close)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(message[:1].upper() + message[1:])
    box.setObjectName("start_failure")
    box.exec()
