"""Spam assets can be hidden one by one (Delete, or the row's context menu), stay hidden
after a restart, and come back with "Show hidden"; this is not the dust filter."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET, EXCHANGE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter


def shown(desk: DeskPresenter) -> list[str]:
    rows = desk.balances.model
    return sorted(rows.index(r, ASSET).data() for r in range(rows.rowCount()))


def select(desk: DeskPresenter, asset: str, exchange: str = "MEXC") -> None:
    rows, table = desk.balances.model, desk.window.desk.balances.table
    row = next(r for r in range(rows.rowCount()) if rows.index(r, ASSET).data() == asset
               and rows.index(r, EXCHANGE).data() == exchange)
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


def test_what_the_window_hides_the_command_line_leaves_out_too(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("FREEAIRDROP", "1000000", usd="0")]})
    desk = open_desk()
    select(desk, "FREEAIRDROP")
    desk.balances.hide_action.trigger()
    qtbot.waitUntil(lambda: services.portfolio.hidden_assets() == {("MEXC", "FREEAIRDROP")},
                    timeout=15_000)
    assert [b.asset for b in services.portfolio.balances()] == ["BTC"]  # as `balances` reads
    assert len(services.portfolio.balances(include_hidden=True)) == 2


def test_assets_hidden_in_the_old_settings_move_to_the_database_once(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("FREEAIRDROP", "1000000", usd="0")]})
    QSettings().setValue("balances/hidden_assets", ["MEXC\tFREEAIRDROP"])  # as before 0006
    desk = open_desk()
    qtbot.waitUntil(lambda: not desk.settings.legacy_hidden_assets(), timeout=15_000)
    assert shown(desk) == ["BTC"]
    assert services.portfolio.hidden_assets() == {("MEXC", "FREEAIRDROP")}
    assert QSettings().value("balances/hidden_assets") is None  # forgotten there
