"""Spam assets can be hidden one by one (Delete, or the row's context menu), stay hidden
after a restart, and come back with "Show hidden"; this is not the dust filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET, EXCHANGE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter


def shown(desk: DeskPresenter) -> list[str]:
    proxy = desk.balances.proxy
    return sorted(proxy.index(r, ASSET).data() for r in range(proxy.rowCount()))


def select(desk: DeskPresenter, asset: str, exchange: str = "MEXC") -> None:
    proxy, table = desk.balances.proxy, desk.window.desk.balances.table
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, ASSET).data() == asset
               and proxy.index(r, EXCHANGE).data() == exchange)
    table.setFocus()
    table.selectRow(row)


def test_hidden_assets_stay_hidden_and_can_be_shown_again(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("FREEAIRDROP", "1000000", usd="0")],
                                   "BINANCE": [valued("FREEAIRDROP", "5", usd="0")]})
    desk = open_desk()
    view = desk.window.desk.balances
    assert not view.show_hidden.isVisible()
    select(desk, "FREEAIRDROP")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert shown(desk) == ["BTC", "FREEAIRDROP"]  # hidden on its exchange only
    assert view.show_hidden.isVisible() and view.show_hidden.text() == "Show hidden (1)"
    assert desk.balances.hide_action in view.table.actions()  # also in the context menu
    desk.window.close()

    again = open_desk()
    view = again.window.desk.balances
    assert shown(again) == ["BTC", "FREEAIRDROP"]
    view.show_hidden.click()
    assert shown(again) == ["BTC", "FREEAIRDROP", "FREEAIRDROP"]
    select(again, "FREEAIRDROP")
    again.balances.unhide_action.trigger()
    view.show_hidden.click()
    assert shown(again) == ["BTC", "FREEAIRDROP", "FREEAIRDROP"]
    assert not view.show_hidden.isVisible()
