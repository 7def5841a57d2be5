"""About WalletDesk: version, and where data and logs are kept."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from walletdesk import __version__
from walletdesk.paths import AppPaths


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About WalletDesk")
        self.text = QLabel(
            f"<h3>WalletDesk {escape(__version__)}</h3>"
            "<p>Exchange balances valued in US dollars, kept on this computer.</p>"
            f"<p><b>Data:</b> {escape(str(paths.data_dir))}<br>"
            f"<b>Database:</b> {escape(str(paths.database))}<br>"
            f"<b>Logs:</b> {escape(str(paths.log_dir))}</p>"
            "<p>API secrets are encrypted with a master key kept in the system keychain "
            "(or WALLETDESK_MASTER_KEY); logs never contain secrets.</p>"
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
