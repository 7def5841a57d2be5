"""The blocking screen for a database that cannot be used: what happened, where the file
is, and the two ways out (look at it, or set it aside and start afresh)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from walletdesk.ui.widgets.centred import button_row, centred_column, centred_text, heading


class DamagedDatabaseView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading("WalletDesk cannot read its database")
        self.explanation = centred_text("")
        self.path = QLabel()
        self.path.setAccessibleName("Database file")
        self.path.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        advice = centred_text(
            "Your keys and balances are in this file, so nothing is shown until it is dealt "
            "with. If you have a backup, put it back with “walletdesk restore FILE”. "
            "Otherwise, Start afresh moves the damaged file aside (it is kept, never "
            "deleted) and opens an empty database: add your API keys again and refresh."
        )
        self.open_folder = QPushButton("Open folder")
        self.open_folder.setAccessibleName("Open the folder holding the database")
        self.start_afresh = QPushButton("Start afresh")
        self.start_afresh.setAccessibleName("Move the damaged database aside and start afresh")
        self.setLayout(centred_column([title, 8, self.explanation, 8, self.path, 8, advice, 16,
                                       button_row(self.open_folder, self.start_afresh)]))

    def show_problem(self, reason: str, path: str) -> None:
        self.explanation.setText(f"The database file {reason}:")
        self.path.setText(path)
