"""Every view at 1400x900 and 640x480, light and dark, with a 10,000-row portfolio whose
MEXC wallet failed its last refresh (and the offline demo beside it), to look at.

WALLETDESK_SCREENSHOTS=/tmp/shots pytest tests/ui/test_screenshot_matrix.py keeps them.
Each shot also checks what a user must be able to read in it: no amount cut off.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.exchange_server import ExchangeServer
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, synthetic, valued
from tests.ui.test_screenshots import dark_palette  # noqa: F401 - a fixture
from walletdesk.services import Services
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.models.balance_columns import COLUMNS
from walletdesk.ui.presenters.desk_presenter import DeskPresenter
from walletdesk.ui.views.desk_view import BALANCES_TAB, CREDENTIALS_TAB, HISTORY_TAB, WALLETS_TAB

SIZES = {"large": (1400, 900), "small": (640, 480)}


@pytest.fixture
def big_desk(qtbot: QtBot, open_desk: OpenDesk, services: Services,
             mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> DeskPresenter:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    account = mexc_server.add_account(balances={"BTC": "1"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main account")
    services.credentials.add_demo()
    rows = [valued("VERYLONGASSETNAME1", "9999999999.12345678", usd="9000000000.99"),
            valued("BTC", "123456789.12345678", usd="123456789.12345678"),
            valued("VEN", "1200", usd="0"), *synthetic(9_997)]
    seed(services.paths.database, {"MEXC": rows}, updated=datetime.now(UTC) - timedelta(hours=3))
    mexc_server.remove_account(account.api_key)  # the exchange refuses the key: MEXC fails
    desk = open_desk()
    with qtbot.waitSignal(desk.loaded, timeout=30_000):
        desk.window.commands.refresh.trigger()
    assert len(desk.portfolio.balances) == 10_000 + 14
    return desk


def shoot(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(folder / f"{name}.png"))


def amounts_fit(desk: DeskPresenter) -> None:
    """Every number column is at least as wide as its widest text: nothing is cut off."""
    table = desk.window.desk.balances.table
    metrics = table.fontMetrics()
    rows = desk.balances.model
    for column, spec in enumerate(COLUMNS):
        if not spec.numeric:
            continue
        widest = max(metrics.horizontalAdvance(str(rows.index(r, column).data()))
                     for r in range(min(rows.rowCount(), 50)))
        assert table.columnWidth(column) >= widest, (spec.header, table.columnWidth(column))


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "dark":
        request.getfixturevalue("dark_palette")
    yield str(request.param)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_view(qtbot: QtBot, big_desk: DeskPresenter, theme: str, size: str,
                    shots_dir: Path) -> None:
    window = big_desk.window
    window.resize(*SIZES[size])
    tag = f"{size}_{theme}"
    tabs = window.desk.tabs
    for index, name in ((BALANCES_TAB, "balances"), (WALLETS_TAB, "wallets"),
                        (CREDENTIALS_TAB, "keys"), (HISTORY_TAB, "history")):
        tabs.setCurrentIndex(index)
        shoot(window, shots_dir, f"{name}_{tag}")
    tabs.setCurrentIndex(BALANCES_TAB)
    if size == "large":
        amounts_fit(big_desk)
    view = window.desk.balances
    qtbot.keyClicks(view.search, "zzz-nothing")
    shoot(window, shots_dir, f"balances_no_match_{tag}")
    view.search.clear()
    dialog = big_desk.export.open()
    shoot(dialog, shots_dir, f"export_dialog_{tag}")
    dialog.reject()
    editor = big_desk.credentials.add()
    shoot(editor.dialog, shots_dir, f"key_form_{tag}")
    editor.dialog.reject()
    for action, name in ((window.commands.about, "about"), (window.commands.settings,
                                                             "settings")):
        action.trigger()
        QApplication.processEvents()
        opened = [w for w in QApplication.topLevelWidgets()
                  if isinstance(w, QDialog) and w.isVisible()]
        assert opened, name
        shoot(opened[-1], shots_dir, f"{name}_{tag}")
        for dialog_widget in opened:
            dialog_widget.reject()
    window.commands.privacy.trigger()
    shoot(window, shots_dir, f"balances_private_{tag}")
    window.commands.privacy.trigger()
    assert window.testAttribute(Qt.WidgetAttribute.WA_WState_Visible)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_other_screens(qtbot: QtBot, open_desk: OpenDesk, services: Services, theme: str,
                           size: str, shots_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """First run, the damaged-database screen and the sign-in screen."""
    tag = f"{size}_{theme}"
    desk = open_desk()
    desk.window.resize(*SIZES[size])
    assert desk.window.screens.currentWidget() is desk.window.empty
    shoot(desk.window, shots_dir, f"first_run_{tag}")
    desk.window.close()

    services.close()  # the damaged file is opened afresh, by a new window's services
    for part in services.paths.data_dir.glob("walletdesk.db*"):
        part.unlink()
    services.paths.database.write_bytes(b"not a database" * 100)
    fresh = Services(services.paths)
    damaged = build_window(fresh)
    qtbot.addWidget(damaged.window)
    damaged.window.show()
    damaged.window.resize(*SIZES[size])
    damaged.start()
    qtbot.waitUntil(lambda: damaged.window.screens.currentWidget() is damaged.window.damaged,
                    timeout=15_000)
    shoot(damaged.window, shots_dir, f"damaged_database_{tag}")
    damaged.window.close()
    damaged.bridge.shutdown()
    fresh.close()
    services.paths.database.unlink()

    from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER

    monkeypatch.setenv(ENV_ISSUER, "https://example.clerk.accounts.dev")
    monkeypatch.setenv(ENV_CLIENT_ID, "walletdesk-desktop")
    signing = open_desk()
    signing.window.resize(*SIZES[size])
    assert signing.window.screens.currentWidget() is signing.window.sign_in
    shoot(signing.window, shots_dir, f"sign_in_{tag}")
