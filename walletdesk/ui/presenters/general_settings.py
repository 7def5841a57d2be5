"""Settings → General: auto-refresh, theme, display currency and where data is kept. Saved
with the dialog's Save button (beside the Account section's sign-in settings) and applied
at once; the display currency goes the View menu's way (``CurrencyPresenter.choose``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from walletdesk.ui.open_folder import open_folder
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.theme import ThemeSwitch

if TYPE_CHECKING:
    from walletdesk.ui.dialogs.settings_dialog import SettingsDialog  # not for first paint


class GeneralSettings(QObject):
    def __init__(self, parent: QObject, settings: UiSettings, *, data_dir: Path,
                 theme: ThemeSwitch, auto_refresh: Callable[[int], None],
                 choose_currency: Callable[[str], None]) -> None:
        """``choose_currency``: what View > Display currency does (one setting, one path)."""
        super().__init__(parent)
        self._settings = settings
        self._data_dir = data_dir
        self._theme = theme
        self._auto_refresh = auto_refresh
        self._choose_currency = choose_currency
        theme.apply(settings.theme())

    def attach(self, dialog: SettingsDialog) -> None:
        general = dialog.general
        general.auto_refresh.setValue(self._settings.auto_refresh_minutes())
        general.theme.setCurrentIndex(max(general.theme.findData(self._settings.theme()), 0))
        general.currency.setCurrentIndex(
            max(general.currency.findData(self._settings.display_currency()), 0))
        general.data_folder.setText(str(self._data_dir))
        general.data_folder.setToolTip(str(self._data_dir))
        general.data_folder.home(False)  # the start of the path: where it lives
        general.open_folder.clicked.connect(self.open_data_folder)
        dialog.save.clicked.connect(lambda: self._save(dialog))

    def open_data_folder(self) -> bool:
        return open_folder(self._data_dir)

    def _save(self, dialog: SettingsDialog) -> None:
        general = dialog.general
        minutes = general.auto_refresh.value()
        theme = str(general.theme.currentData())
        self._settings.set_auto_refresh_minutes(minutes)
        self._settings.set_theme(theme)
        self._auto_refresh(minutes)
        if theme != self._theme.current:
            self._theme.apply(theme)
        currency = str(general.currency.currentData())
        if currency != self._settings.display_currency():
            self._choose_currency(currency)
