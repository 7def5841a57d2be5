"""Start the window: paint the stored portfolio first, load everything else after.

Before the first paint this imports only PySide6, the standard library, ``walletdesk.core``,
``store.read_model`` and the stdlib-only ``auth`` first-paint modules. Controllers (and
with them SQLAlchemy, httpx, keyring) are built on a worker thread once the window shows.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from walletdesk.auth.first_paint import startup_user
from walletdesk.resources import DESKTOP_ENTRY_ID
from walletdesk.store.read_model import read_portfolio_snapshot
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.icons import app_icon
from walletdesk.ui.presenters.desk_presenter import DeskPresenter
from walletdesk.ui.settings import APPLICATION, ORGANIZATION, UiSettings
from walletdesk.ui.single_instance import (
    SingleInstance,
    bring_to_front,
    defer_to_running_instance,
)
from walletdesk.ui.termination import TerminationRequests
from walletdesk.ui.views.main_window import MainWindow

if TYPE_CHECKING:
    from walletdesk.services import Services

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The running QApplication, created with WalletDesk's names if there is none yet."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("WalletDesk")
    app.setDesktopFileName(DESKTOP_ENTRY_ID)
    app.setWindowIcon(app_icon())
    return app


def build_window(services: Services, settings: UiSettings | None = None) -> DeskPresenter:
    """The main window showing the stored portfolio, ready to show (not started yet)."""
    formatter = Formatter()
    window = MainWindow(formatter)
    presenter = DeskPresenter(window, services, settings or UiSettings(), formatter)
    user = startup_user(services.paths)
    snapshot = None
    if user is not None:
        snapshot = read_portfolio_snapshot(services.paths.database, user.id)
    presenter.show_snapshot(snapshot, user)
    geometry = presenter.settings.geometry()
    if geometry is None or not window.restoreGeometry(geometry):
        room = window.screen().availableGeometry().size() * 0.9
        window.resize(window.sizeHint().boundedTo(room))
    state = presenter.settings.window_state()
    if state is not None:
        window.restoreState(state)
    return presenter


def run_gui(services: Services, *, smoke: bool,
            on_first_paint: Callable[[], None] = lambda: None) -> int:
    """Run the window until it closes; with ``smoke``, exit 0 right after the first paint."""
    app = application()
    guard = SingleInstance(services.paths.data_dir, app)
    if not smoke and not guard.claim():  # a smoke check never defers to an open window
        return defer_to_running_instance(guard)
    presenter = build_window(services)
    window = presenter.window
    guard.activation_requested.connect(lambda: bring_to_front(window))
    window.first_painted.connect(guard.listen)

    def painted() -> None:
        on_first_paint()
        log.info("first paint: %d wallets, %d balances", len(presenter.portfolio.wallets),
                 len(presenter.portfolio.balances))
        if smoke:
            app.exit(0)
        else:
            from walletdesk.ui.password_prompt import GuiPasswordPrompt  # after the paint

            services.password_prompt = GuiPasswordPrompt(window)
            presenter.start()

    window.first_painted.connect(painted)
    termination = TerminationRequests(app)
    termination.requested.connect(lambda _signal: close_everything(app))
    window.show()
    if smoke:
        QTimer.singleShot(30_000, lambda: app.exit(3))  # never hang a check
    code = app.exec()
    termination.stop()
    if smoke:
        presenter.bridge.shutdown(0)
    guard.release()
    return code


def close_everything(app: QApplication) -> None:
    """Quit as Ctrl+Q does: open dialogs are dismissed, the main window saves its state."""
    log.info("Asked to quit from outside; closing the window")
    app.closeAllWindows()
    app.quit()
