"""Screenshots of every screen, light and dark, to look at.

WALLETDESK_SCREENSHOTS=/tmp/wd/shots pytest tests/ui/test_screenshots.py keeps them there;
otherwise they go to the test's temp dir. Each test also checks that what it shot shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.exchange_server import ExchangeServer, Fault
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER
from walletdesk.services import Services
from walletdesk.ui.dialogs.about_dialog import AboutDialog
from walletdesk.ui.presenters.desk_presenter import _SWITCHES, DeskPresenter
from walletdesk.ui.views.desk_view import BALANCES_TAB, CREDENTIALS_TAB, WALLETS_TAB


def shoot(widget: QWidget, folder: Path, name: str) -> QImage:
    if widget.isWindow() and widget.width() < 1000 and name not in DIALOGS:
        widget.resize(1000, 700)
    QApplication.processEvents()  # pending layout requests first
    image = widget.grab().toImage()
    assert image.save(str(folder / f"{name}.png"))
    return image


DIALOGS = {"credential_form", "export_dialog", "about_dialog"}


def colours(image: QImage) -> int:
    """How many distinct colours a coarse sample of the image has (blank ≈ 1)."""
    seen = {image.pixel(x, y) for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)}
    return len(seen)


@pytest.fixture
def demo_desk(open_desk: OpenDesk, services: Services) -> DeskPresenter:
    services.credentials.add_demo()
    services.portfolio.refresh()
    return open_desk()


@pytest.fixture
def dark_palette(qapp: QApplication) -> Iterator[QPalette]:
    """A dark system palette, as a desktop in dark mode hands to Qt."""
    light, style = qapp.palette(), qapp.style().name()
    qapp.setStyle("Fusion")
    dark = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"),
                         (roles.Base, "#1e1e1e"), (roles.AlternateBase, "#262626"),
                         (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb4"),
                         (roles.HighlightedText, "#ffffff"), (roles.PlaceholderText, "#8a8a8a"),
                         (roles.Mid, "#555555"), (roles.ToolTipBase, "#353535"),
                         (roles.ToolTipText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        dark.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    qapp.setPalette(dark)
    # The window's theme switch remembers the palette the app started with as the system's
    # and puts it back for the "system" theme: let it remember this one, as a dark desktop
    # hands it over at start (else every "dark" shot is light).
    _SWITCHES.clear()
    yield dark
    _SWITCHES.clear()
    qapp.setPalette(light)
    qapp.setStyle(style)


def test_empty_state(open_desk: OpenDesk, shots_dir: Path) -> None:
    desk = open_desk()
    image = shoot(desk.window, shots_dir, "empty_state")
    assert colours(image) > 5


def test_balances_with_demo_data(demo_desk: DeskPresenter, shots_dir: Path) -> None:
    demo_desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    shoot(demo_desk.window, shots_dir, "balances_demo")
    assert demo_desk.balances.model.rowCount() == 14


def test_wallets(demo_desk: DeskPresenter, shots_dir: Path) -> None:
    demo_desk.window.desk.tabs.setCurrentIndex(WALLETS_TAB)
    image = shoot(demo_desk.window, shots_dir, "wallets")
    assert demo_desk.window.desk.wallets.isVisible()
    assert demo_desk.wallets_model.index(0, 0).data() == "Demo (offline sample)"
    assert colours(image) > 5


def test_credentials_with_the_form_open(qtbot: QtBot, demo_desk: DeskPresenter,
                                        shots_dir: Path) -> None:
    demo_desk.window.desk.tabs.setCurrentIndex(CREDENTIALS_TAB)
    shoot(demo_desk.window, shots_dir, "credentials")
    editor = demo_desk.credentials.add()
    qtbot.waitExposed(editor.dialog)
    qtbot.keyClicks(editor.dialog.label, "Main account")
    qtbot.keyClicks(editor.dialog.api_key, "mx0v has spaces")
    qtbot.keyClicks(editor.dialog.secret, "s3cret")
    qtbot.mouseClick(editor.dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.dialog.api_key_message.isVisible)  # the shot shows the complaint
    image = shoot(editor.dialog, shots_dir, "credential_form")
    assert "space" in editor.dialog.api_key_message.message().lower()
    assert editor.dialog.secret.echoMode() == QLineEdit.EchoMode.Password  # never in the clear
    assert colours(image) > 5
    editor.dialog.reject()


def test_dark_palette(demo_desk: DeskPresenter, dark_palette: QPalette, shots_dir: Path) -> None:
    demo_desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    image = shoot(demo_desk.window, shots_dir, "balances_dark")
    window_colour = dark_palette.color(QPalette.ColorRole.Window).rgb()
    assert image.pixel(image.width() // 2, image.height() - 5) == window_colour


def test_sign_in_screen(open_desk: OpenDesk, shots_dir: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ISSUER, "https://example.clerk.accounts.dev")
    monkeypatch.setenv(ENV_CLIENT_ID, "walletdesk-desktop")
    desk = open_desk()
    assert desk.window.screens.currentWidget() is desk.window.sign_in
    shoot(desk.window, shots_dir, "sign_in")


def test_export_and_about_dialogs(demo_desk: DeskPresenter, shots_dir: Path) -> None:
    dialog = demo_desk.export.open()
    shoot(dialog, shots_dir, "export_dialog")
    dialog.reject()
    demo_desk.window.commands.about.trigger()
    about = demo_desk.window.findChild(AboutDialog)
    assert about is not None
    shoot(about, shots_dir, "about_dialog")
    about.reject()


def test_a_failed_refresh(qtbot: QtBot, open_desk: OpenDesk, services: Services,
                          mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch,
                          shots_dir: Path) -> None:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    account = mexc_server.add_account(balances={"BTC": "1"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    services.credentials.add_demo()
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]},
         updated=datetime.now(UTC) - timedelta(hours=3))
    mexc_server.inject(Fault.INVALID_KEY, times=None)
    desk = open_desk()
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.window.commands.refresh.trigger()
    desk.window.desk.tabs.setCurrentIndex(WALLETS_TAB)
    shoot(desk.window, shots_dir, "wallets_after_failed_refresh")
    desk.window.desk.tabs.setCurrentIndex(CREDENTIALS_TAB)
    shoot(desk.window, shots_dir, "credentials_after_failed_refresh")
    assert desk.status.text().startswith("⚠ Refreshed 1 of 2 keys")
