"""The everyday screen: the portfolio header above the three views in tabs."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from walletdesk.ui.formatting import Formatter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.views.balances_view import BalancesView
from walletdesk.ui.views.credentials_view import CredentialsView
from walletdesk.ui.views.header_view import PortfolioHeader
from walletdesk.ui.views.history_view import HistoryView
from walletdesk.ui.views.wallets_view import WalletsView

CREDENTIALS_TAB, WALLETS_TAB, BALANCES_TAB, HISTORY_TAB = range(4)
COMPACT_BELOW = 560  # pixels of height: under this the header makes room for the table


class DeskView(QWidget):
    def __init__(self, formatter: Formatter, actions: WindowActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PortfolioHeader(formatter)
        self.credentials = CredentialsView([actions.add_credential, actions.edit_credential,
                                            actions.remove_credential, actions.test_credential])
        self.wallets = WalletsView()
        self.balances = BalancesView()
        self.history = HistoryView(formatter)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.credentials, "API keys")
        self.tabs.addTab(self.wallets, "Wallets")
        self.tabs.addTab(self.balances, "Balances")
        self.tabs.addTab(self.history, "History")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().height() < COMPACT_BELOW
        if compact != self.header.compact:
            self.header.set_compact(compact)
            layout = self.layout()
            if layout is not None:  # laid out for the old header already: again, now
                layout.invalidate()
                layout.activate()
