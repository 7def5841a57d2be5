"""The window's commands, with their shortcuts; menus, toolbar and presenters share them.

The icons of the commands only a menu shows (and the refresh's Cancel button, hidden until a
refresh runs) are drawn after the first paint, by ``add_menu_icons``: no menu is open then,
and each toolbar icon is two SVG renderings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

from walletdesk.ui.icons import toolbar_icon


class WindowActions(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.refresh = self._action("&Refresh", "Refresh balances from every exchange",
                                    [QKeySequence("Ctrl+R"), QKeySequence(Qt.Key.Key_F5)])
        self.refresh.setIcon(toolbar_icon("refresh"))
        self.cancel_refresh = self._action("&Cancel refresh", "Stop waiting for the refresh",
                                           [QKeySequence(Qt.Key.Key_Escape)])
        self.cancel_refresh.setEnabled(False)
        self.add_credential = self._action("&Add API key…", "Add an exchange API key",
                                           [QKeySequence("Ctrl+N")])
        self.add_credential.setIcon(toolbar_icon("add"))
        self.edit_credential = self._action("&Edit API key…", "Change the selected API key",
                                            [QKeySequence(Qt.Key.Key_Return),
                                             QKeySequence(Qt.Key.Key_Enter),
                                             QKeySequence(Qt.Key.Key_F2)])
        self.edit_credential.setIcon(toolbar_icon("edit"))
        self.remove_credential = self._action("Re&move API key…", "Remove the selected API key",
                                              [QKeySequence(QKeySequence.StandardKey.Delete)])
        self.remove_credential.setIcon(toolbar_icon("remove"))
        self.test_credential = self._action("&Test API key", "Check the selected key now",
                                            [QKeySequence("Ctrl+T")])
        for key_action in (self.edit_credential, self.remove_credential, self.test_credential):
            # Enter and Delete mean other things elsewhere: only in the keys view (and menu).
            key_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export = self._action("&Export balances…", "Export the balances table",
                                   [QKeySequence("Ctrl+E")])
        self.export.setIcon(toolbar_icon("export"))
        self.back_up = self._action("&Back up…", "Save a copy of all API keys and balances", [])
        self.restore = self._action("&Restore from backup…",
                                    "Put a backup's API keys and balances back", [])
        self.search = self._action("&Find", "Search the balances", [QKeySequence("Ctrl+F")])
        self.settings = self._action("&Settings…", "Sign-in settings", [])
        self.sign_in = self._action("Sign &in…", "Sign in, leaving the local profile", [])
        self.sign_out = self._action("Sign &out", "Sign out of WalletDesk", [])
        self.about = self._action("&About WalletDesk", "Version and where files are kept", [])
        self.quit = self._action("&Quit", "Quit WalletDesk", [QKeySequence("Ctrl+Q")])
        self.privacy = self._action("&Hide amounts", "Hide every amount and value, for "
                                    "screen sharing", [QKeySequence("Ctrl+Shift+H")])
        self.privacy.setCheckable(True)
        self.show_credentials = self._action("&API keys", "Show the API keys",
                                             [QKeySequence("Ctrl+1")])
        self.show_wallets = self._action("&Wallets", "Show the wallets", [QKeySequence("Ctrl+2")])
        self.show_balances = self._action("&Balances", "Show the balances",
                                          [QKeySequence("Ctrl+3")])

    def add_menu_icons(self) -> None:
        """The icons the first paint does not show (``DeskPresenter.build_after_paint``)."""
        self.cancel_refresh.setIcon(
            QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserStop))
        for action, name in ((self.settings, "settings"), (self.sign_in, "sign-in"),
                             (self.sign_out, "sign-out"), (self.about, "about")):
            action.setIcon(toolbar_icon(name))

    def _action(self, text: str, tip: str, shortcuts: list[QKeySequence]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action
