"""About WalletDesk: version, and where data and logs are kept."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
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
            f"<p><b>Data:</b> {_link(paths.data_dir)}<br>"
            f"<b>Database:</b> {escape(str(paths.database))}<br>"
            f"<b>Logs:</b> {_link(paths.log_dir)}</p>"
            "<p>API secrets are encrypted with a master key kept in the system keychain "
            "(or WALLETDESK_MASTER_KEY); logs never contain secrets.</p>"
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setOpenExternalLinks(True)  # a folder link opens the file manager there
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder = buttons.addButton("Open data folder",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder.setAccessibleName("Open the data folder")
        self.data_url = QUrl.fromLocalFile(str(paths.data_dir))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)


def _link(folder: Path) -> str:
    url = QUrl.fromLocalFile(str(folder)).toString()
    return f'<a href="{escape(url)}">{escape(str(folder))}</a>'
