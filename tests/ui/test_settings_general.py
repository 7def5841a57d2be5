"""Settings → General: auto-refresh and theme are kept and applied; the data folder shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ecb_server import EcbServer
from tests.ui.conftest import OpenDesk
from walletdesk.services import Services
from walletdesk.ui.settings import UiSettings


def test_general_settings_are_saved_and_applied(
        qtbot: QtBot, open_desk: OpenDesk, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    desk = open_desk()
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    dialog = desk.session.open_settings()
    general = dialog.general
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["General",
                                                                             "Account"]
    assert general.auto_refresh.value() == 15 and general.auto_refresh.minimum() == 0
    assert general.data_folder.text() == str(services.paths.data_dir)
    general.open_folder.click()
    assert opened == [str(services.paths.data_dir)]
    window_before = QApplication.palette().color(QPalette.ColorRole.Window)

    assert general.auto_refresh.specialValueText() == "Off"
    general.auto_refresh.setValue(0)
    general.theme.setCurrentIndex(general.theme.findData("dark"))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save.click()
    assert not desk.live.auto_refresh.isActive()
    assert UiSettings().auto_refresh_minutes() == 0 and UiSettings().theme() == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    desk.general_settings._theme.apply("system")
    assert QApplication.palette().color(QPalette.ColorRole.Window) == window_before


def test_the_display_currency_chosen_in_settings_is_the_view_menu_s_choice(
        qtbot: QtBot, open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch) -> None:
    with EcbServer() as ecb:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", ecb.url)
        desk = open_desk()
        dialog = desk.session.open_settings()
        choices = dialog.general.currency
        menu = desk.window.currency_menu
        assert [choices.itemText(i) for i in range(choices.count())] == [
            action.text() for action in menu.actions()]  # one list, in the same words
        assert choices.currentData() == "USD"
        choices.setCurrentIndex(choices.findData("CHF"))
        with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
            dialog.save.click()
    rate = desk.currency.rate
    assert rate is not None and rate.currency == "CHF"
    assert UiSettings().display_currency() == "CHF" and menu.choices["CHF"].isChecked()
    assert "CHF" in desk.window.desk.header.in_currency.text()
    with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
        menu.choices["USD"].trigger()
    assert desk.session.open_settings().general.currency.currentData() == "USD"


def test_a_window_opens_in_the_theme_saved_and_goes_back_to_the_system_s(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    from walletdesk.ui.presenters.desk_presenter import theme_switch

    system_window = QApplication.palette().color(QPalette.ColorRole.Window)
    UiSettings().set_theme("dark")
    try:
        open_desk(start=False)
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        UiSettings().set_theme("system")
        open_desk(start=False)  # the next start, in the system's colours again
        assert QApplication.palette().color(QPalette.ColorRole.Window) == system_window
    finally:
        theme_switch().apply("system")
