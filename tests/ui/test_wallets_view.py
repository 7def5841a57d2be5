"""The wallets view: every exchange with a key has a row, refreshed or not; double-click
opens that wallet's balances."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.views.desk_view import BALANCES_TAB, WALLETS_TAB


def test_a_key_that_never_refreshed_has_a_row_saying_so(
        open_desk: OpenDesk, services: Services) -> None:
    services.credentials.add(exchange="MEXC", api_key="mx0vglPUBLICKEY1", secret="s3cret",
                             label="Main")
    services.credentials.add_demo()
    services.portfolio.refresh("DEMO")
    desk = open_desk()
    model = desk.wallets_model
    rows = {model.index(r, 0).data(): model.index(r, 4).data() for r in range(model.rowCount())}
    assert rows["MEXC"].startswith("Not refreshed yet")
    assert rows["Demo (offline sample)"] == "OK"
    mexc = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "MEXC")
    assert model.index(mexc, 1).data() == "—" and model.index(mexc, 3).data() == "Never"


def test_double_click_opens_the_wallets_balances(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")],
                                   "BINANCE": [valued("ETH", "1", usd="3000")]})
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(WALLETS_TAB)
    table = desk.window.desk.wallets.table
    row = next(r for r in range(desk.wallets_model.rowCount())
               if desk.wallets_model.index(r, 0).data() == "Binance")
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.window.desk.tabs.currentIndex() == BALANCES_TAB
    assert desk.window.desk.balances.exchange.currentData() == "BINANCE"
    rows = desk.balances.model
    assert [rows.index(r, 1).data() for r in range(rows.rowCount())] == ["Binance"]


def test_wallet_totals_are_never_cut_off(open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="9623039304.11")]})
    desk = open_desk()
    desk.window.resize(640, 480)
    table = desk.window.desk.wallets.table
    text = desk.wallets_model.index(0, 1).data()
    assert text == "$9,623,039,304.11"
    assert table.columnWidth(1) > table.fontMetrics().horizontalAdvance(text)
