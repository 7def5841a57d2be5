"""The everyday screen: the portfolio header above the views in tabs.

The History tab's content is built after the first paint (``build_history``): its chart,
buttons and asset detail are not on screen before the user opens that tab, and its modules
are not imported before then either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from walletdesk.ui.formatting import Formatter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.views.balances_view import BalancesView
from walletdesk.ui.views.credentials_view import CredentialsView
from walletdesk.ui.views.header_view import PortfolioHeader
from walletdesk.ui.views.wallets_view import WalletsView

if TYPE_CHECKING:
    from walletdesk.ui.views.history_view import HistoryView

CREDENTIALS_TAB, WALLETS_TAB, BALANCES_TAB, HISTORY_TAB = range(4)
COMPACT_BELOW = 560  # pixels of height: under this the header makes room for the table


class DeskView(QWidget):
    history: HistoryView  # once built (build_history)

    def __init__(self, formatter: Formatter, actions: WindowActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PortfolioHeader(formatter)
        self.credentials = CredentialsView([actions.add_credential, actions.edit_credential,
                                            actions.remove_credential, actions.test_credential])
        self.wallets = WalletsView()
        self.balances = BalancesView()
        self._formatter = formatter
        self._history_page = QWidget()  # holds the History tab's content once it is built
        QVBoxLayout(self._history_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.credentials, "API keys")
        self.tabs.addTab(self.wallets, "Wallets")
        self.tabs.addTab(self.balances, "Balances")
        self.tabs.addTab(self._history_page, "History")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def build_history(self) -> HistoryView:
        """The History tab's content, made once."""
        from walletdesk.ui.views.history_view import HistoryView

        self.history = HistoryView(self._formatter)
        layout = self._history_page.layout()
        assert layout is not None
        layout.addWidget(self.history)
        self.history.show()  # a child added to a shown page stays hidden until told
        return self.history

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().height() < COMPACT_BELOW
        if compact != self.header.compact:
            self.header.set_compact(compact)
            layout = self.layout()
            if layout is not None:  # laid out for the old header already: again, now
                layout.invalidate()
                layout.activate()
