"""The main window: menus, toolbar, the screen stack (first run, desk, sign-in, damaged
database), status bar. The first-run, sign-in and damaged-database screens are built the
first time they are asked for: most starts show the desk."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from walletdesk.ui.formatting import Formatter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.views.currency_menu import CurrencyMenu
from walletdesk.ui.views.desk_view import DeskView
from walletdesk.ui.views.refresh_status_view import RefreshStatusView
from walletdesk.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from walletdesk.ui.views.damaged_database_view import DamagedDatabaseView
    from walletdesk.ui.views.empty_state_view import EmptyStateView
    from walletdesk.ui.views.sign_in_view import SignInView


class MainWindow(QMainWindow):
    closing = Signal()
    first_painted = Signal()

    def __init__(self, formatter: Formatter) -> None:
        super().__init__()
        self.setWindowTitle("WalletDesk")
        self.setObjectName("WalletDeskMainWindow")
        self.commands = WindowActions(self)
        self.currency_menu = CurrencyMenu(self)
        self.desk = DeskView(formatter, self.commands)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.desk)
        self.setCentralWidget(self.screens)
        self.user = plain_label(QLabel())
        self.user.setAccessibleName("Signed-in user")
        self._build_menus()
        self._build_toolbar()
        self.message = QLabel()
        self.message.setAccessibleName("Status")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_status = RefreshStatusView(self.commands.cancel_refresh)
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.refresh_status)
        self._paint_watch = _FirstPaintWatch(self)
        self.screens.installEventFilter(self._paint_watch)

    @cached_property
    def empty(self) -> EmptyStateView:
        """The first-run screen (what WalletDesk does, Add an API key, Try the demo)."""
        from walletdesk.ui.views.empty_state_view import EmptyStateView

        screen = EmptyStateView()
        self.screens.addWidget(screen)
        return screen

    @cached_property
    def sign_in(self) -> SignInView:
        """The sign-in screen (when sign-in is set up and nobody is signed in)."""
        from walletdesk.ui.views.sign_in_view import SignInView

        screen = SignInView()
        self.screens.addWidget(screen)
        return screen

    @cached_property
    def damaged(self) -> DamagedDatabaseView:
        """The blocking screen for a database that cannot be used."""
        from walletdesk.ui.views.damaged_database_view import DamagedDatabaseView

        screen = DamagedDatabaseView()
        self.screens.addWidget(screen)
        return screen

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([a.export, a.settings])
        file_menu.addSeparator()
        file_menu.addActions([a.back_up, a.restore])
        file_menu.addSeparator()
        file_menu.addActions([a.sign_in, a.sign_out, a.quit])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([a.show_credentials, a.show_wallets, a.show_balances])
        view_menu.addSeparator()
        view_menu.addAction(a.search)
        view_menu.addMenu(self.currency_menu)
        view_menu.addAction(a.privacy)
        keys_menu = bar.addMenu("&Keys")
        keys_menu.addActions([a.add_credential, a.edit_credential, a.remove_credential,
                              a.test_credential])
        keys_menu.addSeparator()
        keys_menu.addActions([a.refresh, a.cancel_refresh])
        bar.addMenu("&Help").addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.commands
        toolbar = QToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([a.refresh, a.add_credential, a.export])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.user)
        self.addToolBar(toolbar)


class _FirstPaintWatch(QObject):
    """Emits the window's ``first_painted`` once the central screen has really painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            # Queued: the paint of this frame completes before anyone reacts.
            QTimer.singleShot(0, self._window.first_painted.emit)
        return False
