"""About WalletDesk: version, where data and logs are kept, and the open-source components
it includes with their licences."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from walletdesk import __version__
from walletdesk.paths import AppPaths
from walletdesk.third_party import COMPONENTS, licences_folder
from walletdesk.ui.widgets.link_label import LinkLabel


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About WalletDesk")
        self.text = LinkLabel()
        self.text.set_html(
            f"<h3>WalletDesk {escape(__version__)}</h3>"
            "<p>Exchange balances valued in US dollars, kept on this computer.</p>"
            f"<p><b>Data:</b> {_link(paths.data_dir)}<br>"
            f"<b>Database:</b> {escape(str(paths.database))}<br>"
            f"<b>Logs:</b> {_link(paths.log_dir)}</p>"
            "<p>API secrets are encrypted with a master key kept in the system keychain, "
            "protected by a password, or given in WALLETDESK_MASTER_KEY; logs never contain "
            "secrets.</p>"
        )
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        # (LinkLabel opens links itself: a folder link opens the file manager there.)
        self.text.setWordWrap(True)
        self.components = QLabel(_components_html())
        self.components.setObjectName("components")
        self.components.setTextFormat(Qt.TextFormat.RichText)
        self.components.setWordWrap(True)
        self.components.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidget(self.components)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder = buttons.addButton("Open data folder",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder.setAccessibleName("Open the data folder")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)


def _link(folder: Path) -> str:
    url = QUrl.fromLocalFile(str(folder)).toString()
    return f'<a href="{escape(url)}">{escape(str(folder))}</a>'


def _components_html() -> str:
    folder = licences_folder()
    where = (f"Their licence texts are in {escape(str(folder))}, listed in NOTICE.txt beside "
             "it." if folder is not None else
             "Their licence texts come with each installed package.")
    rows = "".join(f"<tr><td>{escape(c.shown)}</td><td>&nbsp;{escape(c.licence)}</td></tr>"
                   for c in COMPONENTS)
    return (f"<p><b>Open-source components</b></p><table>{rows}</table><p>Qt and PySide6 are "
            "used under the GNU LGPL 3 (dynamically linked, replaceable). "
            f"{where}</p>")
