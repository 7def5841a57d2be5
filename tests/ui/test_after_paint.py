"""What the first paint leaves unbuilt (the History tab, the display currency, export and
backup, the icons only menus show) is there whenever the user reaches it: after start, and
before it too."""

from __future__ import annotations

import importlib
import threading
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import UPDATED, seed, valued
from walletdesk.services import Services
from walletdesk.ui.dialogs.export_dialog import ExportDialog
from walletdesk.ui.models.balance_columns import ASSET, USD
from walletdesk.ui.presenters import desk_presenter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.views.desk_view import BALANCES_TAB, HISTORY_TAB
from walletdesk.ui.views.history_view import PORTFOLIO_CHOICE, HistoryView


def seeded(services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("ETH", "2", usd="6000")]})


def test_the_first_paint_builds_no_history_tab_and_start_builds_it(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seeded(services)
    desk = open_desk(start=False)
    qtbot.waitExposed(desk.window)
    assert not desk.built_after_paint
    assert desk.window.findChildren(HistoryView) == []
    commands = desk.window.commands
    menu_only = (commands.settings, commands.sign_in, commands.sign_out, commands.about,
                 commands.cancel_refresh)
    assert [action.icon().isNull() for action in menu_only] == [True] * 5
    assert not commands.refresh.icon().isNull()  # on the toolbar: painted first
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    view = desk.window.desk.history
    assert desk.window.findChildren(HistoryView) == [view]
    assert view.assets.stringList() == [PORTFOLIO_CHOICE, "BTC", "ETH"]
    assert [action.icon().isNull() for action in menu_only] == [False] * 5


def test_the_history_tab_chosen_before_start_shows_its_content(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, shots_dir: Path) -> None:
    seeded(services)
    desk = open_desk(start=False)
    desk.window.resize(900, 600)
    desk.window.desk.tabs.setCurrentIndex(HISTORY_TAB)
    view = desk.window.desk.history
    qtbot.waitExposed(view)
    assert view.isVisible() and view.asset.isVisible() and view.chart.isVisible()
    assert view.assets.stringList() == [PORTFOLIO_CHOICE, "BTC", "ETH"]
    assert desk.window.grab().save(str(shots_dir / "history_before_start.png"))


def test_a_window_left_on_the_history_tab_opens_on_its_content(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seeded(services)
    UiSettings().set_view(HISTORY_TAB)
    desk = open_desk(start=False)
    qtbot.waitExposed(desk.window)
    assert desk.window.desk.tabs.currentIndex() == HISTORY_TAB
    assert desk.window.desk.history.isVisible()


def test_export_chosen_before_start_opens_its_dialog(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seeded(services)
    desk = open_desk(start=False)
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    desk.window.commands.export.trigger()
    dialog = desk.window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_all.text() == "Everything (2 balances)"
    dialog.reject()


def test_start_imports_the_parts_off_the_gui_thread_then_builds_them_on_it(
        qtbot: QtBot, open_desk: OpenDesk, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seeded(services)
    imported_on: list[threading.Thread] = []

    def recording(name: str) -> ModuleType:
        imported_on.append(threading.current_thread())
        return importlib.import_module(name)

    monkeypatch.setattr(desk_presenter, "import_module", recording)
    desk = open_desk(start=False)
    qtbot.waitExposed(desk.window)
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
        assert not desk.built_after_paint  # start returns at once; the parts come after
    assert imported_on and threading.main_thread() not in imported_on
    assert desk.built_after_paint and desk.window.findChildren(HistoryView)


def test_the_load_after_the_first_paint_keeps_the_row_chosen_meanwhile(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    # The first paint reads the rows and which zero values were priced; the load brings the
    # rest of what is kept beside them: here DUST's price route.
    dust = valued("DUST", "0.00000001")._replace(priced=True, route="DUSTUSDT")
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("ETH", "2", usd="6000"), dust]})
    desk = open_desk(start=False)
    table, model = desk.window.desk.balances.table, desk.balances.model
    qtbot.waitExposed(table)
    assert [model.index(row, ASSET).data() for row in range(3)] == ["BTC", "ETH", "DUST"]
    assert model.index(2, USD).data(Qt.ItemDataRole.ToolTipRole) == "0.00000000"
    flags = QItemSelectionModel.SelectionFlag  # (selectRow reads the keyboard's modifiers)
    table.selectionModel().select(model.index(1, 0), flags.ClearAndSelect | flags.Rows)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    assert model.index(2, USD).data(  # remade from what the load brought
        Qt.ItemDataRole.ToolTipRole) == "0.00000000\nvia DUSTUSDT"
    assert resets == []
    assert [index.row() for index in table.selectionModel().selectedRows()] == [1]


def test_a_refresh_that_changed_no_balance_still_shows_its_time(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seeded(services)
    desk = open_desk()
    header = desk.window.desk.header
    before = header.updated.text()
    later = UPDATED + timedelta(hours=3)
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("ETH", "2", usd="6000")]}, updated=later)
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.reload()
    assert header.updated.text() != before
    assert desk.window.desk.header.updated.text().startswith(
        f"Updated {desk._format.when(later)}")
