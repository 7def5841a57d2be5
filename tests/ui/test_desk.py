"""The main window: first run, the demo, refresh, keys, and what it remembers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.exchange_server import ExchangeServer, Fault
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET
from walletdesk.ui.views.desk_view import BALANCES_TAB, WALLETS_TAB


@pytest.fixture
def mexc(mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> ExchangeServer:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "65000", "ETHUSDT": "3000"})
    return mexc_server


def shown_assets(desk) -> list[str]:  # type: ignore[no-untyped-def]
    rows = desk.balances.model
    return [rows.index(row, ASSET).data() for row in range(rows.rowCount())]


def test_first_run_shows_what_to_do_instead_of_a_blank_table(open_desk: OpenDesk) -> None:
    desk = open_desk()
    window = desk.window
    assert window.screens.currentWidget() is window.empty
    assert window.empty.try_demo.isVisible()
    assert window.empty.add_key.isVisible()
    assert not window.commands.export.isEnabled()


def test_try_the_demo_fills_the_desk_with_clearly_labelled_demo_data(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    desk = open_desk()
    with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
        qtbot.mouseClick(desk.window.empty.try_demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.balances.model.rowCount() == 14, timeout=10_000)
    window = desk.window
    assert window.screens.currentWidget() is window.desk
    assert window.desk.header.demo.isVisible()
    assert desk.wallets_model.index(0, 0).data() == "Demo (offline sample)"
    assert desk.balances.model.index(0, 1).data() == "Demo (offline sample)"
    assert [s.label for s in window.desk.header.chart.slices()][:2] == ["BTC", "ETH"]
    assert "Refreshed 1 key" in desk.status.text()


def test_refresh_shows_progress_and_cannot_start_twice(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": "1"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label=None)
    mexc.latency = 0.3
    desk = open_desk()
    actions = desk.window.commands
    with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
        qtbot.keyClick(desk.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert desk.refresh.running
        assert not actions.refresh.isEnabled()
        assert actions.cancel_refresh.isEnabled()
        assert desk.window.refresh_status.isVisible()
        assert not desk.refresh.start()  # a second refresh is refused while one runs
    assert not desk.window.refresh_status.isVisible()
    assert actions.refresh.isEnabled()
    qtbot.waitUntil(lambda: shown_assets(desk) == ["BTC"], timeout=10_000)
    assert desk.status.text() == "Refreshed 1 key."


def test_a_failing_exchange_is_reported_per_key_and_keeps_its_old_numbers(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": "2"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    services.credentials.add_demo()
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]})
    mexc.remove_account(account.api_key)  # the exchange now refuses the key
    desk = open_desk()
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    status = desk.status.text()
    assert status.startswith("⚠ Refreshed 1 of 2 keys; MEXC failed.")
    assert QApplication.activeModalWidget() is None  # no dialog storm
    mexc_row = next(r for r in range(desk.wallets_model.rowCount())
                    if desk.wallets_model.index(r, 0).data() == "MEXC")
    assert desk.wallets_model.index(mexc_row, 1).data() == "$65,000.00"  # the old numbers
    assert desk.wallets_model.index(mexc_row, 4).data().startswith("Failed, showing previous")
    rows = {desk.credentials_model.index(r, 0).data(): desk.credentials_model.index(r, 4).data()
            for r in range(desk.credentials_model.rowCount())}
    assert rows["Demo (offline sample)"] == "Refreshed: 14 assets"
    assert rows["MEXC"].startswith("MEXC rejected the API key")  # why, on the key's own row


def test_escape_abandons_a_slow_refresh_and_keeps_the_stored_balances(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": "5"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label=None)
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]})
    mexc.inject(Fault.LATENCY, seconds=1.0, times=None)
    desk = open_desk()
    assert desk.refresh.start()
    qtbot.keyClick(desk.window, Qt.Key.Key_Escape)
    assert not desk.refresh.running
    assert desk.window.commands.refresh.isEnabled()
    assert desk.status.text() == "Refresh cancelled. The previous balances are kept."
    assert desk.window.desk.header.total.text() == "$65,000.00"
    mexc.clear_faults()


def test_removing_a_key_asks_first_and_says_the_wallet_goes_too(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    services.credentials.add_demo()
    services.portfolio.refresh()
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(0)
    desk.window.desk.credentials.table.selectRow(0)
    box = desk.credentials.remove()
    assert box is not None
    assert "Demo (offline sample) wallet and all its balances are removed" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(services.credentials.list()) == 1
    box = desk.credentials.remove()
    assert box is not None
    remove = next(b for b in box.buttons() if b.text() == "Remove key and wallet")
    with qtbot.waitSignal(desk.loaded, timeout=10_000):
        remove.click()
    assert services.credentials.list() == []
    assert desk.window.screens.currentWidget() is desk.window.empty
    assert desk.status.text().startswith("Removed the Demo (offline sample) key “Demo”")


def test_sort_filter_and_search_through_the_widgets(qtbot: QtBot, open_desk: OpenDesk,
                                                    services: Services) -> None:
    seed(services.paths.database, {
        "MEXC": [valued("BTC", "1", usd="65000"), valued("DUST", "1", usd="0.5")],
        "BINANCE": [valued("ETH", "2", usd="6000"), valued("ADA", "3", usd="1.5")],
    })
    desk = open_desk()
    view = desk.window.desk.balances
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    assert shown_assets(desk) == ["BTC", "ETH", "ADA", "DUST"]
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(ASSET) + 5, header.height() // 2))
    assert shown_assets(desk) == ["ADA", "BTC", "DUST", "ETH"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(ASSET) + 5, header.height() // 2))
    assert shown_assets(desk) == ["ETH", "DUST", "BTC", "ADA"]
    view.table.sortByColumn(ASSET, Qt.SortOrder.AscendingOrder)
    qtbot.keyClick(desk.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "t")
    assert shown_assets(desk) == ["BTC", "DUST", "ETH"]
    view.search.clear()
    view.exchange.setCurrentIndex(view.exchange.findData("BINANCE"))
    assert shown_assets(desk) == ["ADA", "ETH"]
    view.hide_dust.setChecked(True)
    view.dust.setText("2")
    assert shown_assets(desk) == ["ETH"]
    assert view.totals.text() == "Showing 1 of 4 balances, worth $6,000.00"


def test_ctrl_c_copies_the_selected_rows_as_exact_tab_separated_text(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1.5", "0.25", usd="113750.12345678"),
                                            valued("ETH", "2", usd="6000")]})
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    table = desk.window.desk.balances.table
    table.selectAll()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == (
        "BTC\tMEXC\t1.50000000\t0.25000000\t1.75000000\t113750.12345678\t94.99%"
        "\t65000.07054673\t\n"  # the price: 113750.12345678 / 1.75, rounded to 8 places;
        "ETH\tMEXC\t2.00000000\t0.00000000\t2.00000000\t6000.00000000\t5.01%"
        "\t3000.00000000\t\n")  # no 24h change: one refresh is no history yet


def test_old_data_is_marked_stale(open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]},
         updated=datetime.now(UTC) - timedelta(hours=5))
    desk = open_desk(start=False)
    header = desk.window.desk.header
    assert header.stale.isVisible()
    assert "5 h ago" in header.updated.text()


def test_window_remembers_geometry_view_columns_sort_and_dust_threshold(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("ETH", "2", usd="6000")]})
    desk = open_desk()
    desk.window.resize(700, 500)
    desk.window.desk.tabs.setCurrentIndex(WALLETS_TAB)
    view = desk.window.desk.balances
    view.table.sortByColumn(ASSET, Qt.SortOrder.AscendingOrder)
    view.table.horizontalHeader().resizeSection(ASSET, 177)
    view.hide_dust.setChecked(True)
    view.dust.setText("12.5")
    desk.window.close()

    again = open_desk()
    again_view = again.window.desk.balances
    assert (again.window.width(), again.window.height()) == (700, 500)
    assert again.window.desk.tabs.currentIndex() == WALLETS_TAB
    assert again_view.table.horizontalHeader().sectionSize(ASSET) == 177
    header = again_view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        ASSET, Qt.SortOrder.AscendingOrder)
    assert shown_assets(again) == ["BTC", "ETH"]
    assert again_view.hide_dust.isChecked()
    assert again_view.dust.text() == "12.5"


def test_about_names_the_version_and_where_files_are_kept(
        qtbot: QtBot, open_desk: OpenDesk, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from walletdesk import __version__
    from walletdesk.ui.dialogs.about_dialog import AboutDialog

    desk = open_desk(start=False)
    desk.window.commands.about.trigger()
    dialog = desk.window.findChild(AboutDialog)
    assert dialog is not None
    text = dialog.text.text()
    assert __version__ in text
    assert str(services.paths.data_dir) in text
    assert str(services.paths.log_dir) in text
    from PySide6.QtCore import QUrl

    assert f'href="{QUrl.fromLocalFile(str(services.paths.data_dir)).toString()}"' in text
    assert dialog.text.openExternalLinks()
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    dialog.open_folder.click()
    assert opened == [str(services.paths.data_dir)]


def test_interactive_widgets_have_accessible_names(open_desk: OpenDesk) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

    desk = open_desk(start=False)
    desk.build_after_paint()  # the History tab too
    unnamed = [w for kind in (QLineEdit, QComboBox, QTableView)
               for w in desk.window.findChildren(kind) if not w.accessibleName()]
    qt_internal = {"QToolBarExtension", "QTableCornerButton", "QLineEditIconButton"}
    buttons = [b.objectName() for b in desk.window.findChildren(QAbstractButton)
               if not (b.accessibleName() or b.text())
               and b.metaObject().className() not in qt_internal
               and not b.objectName().startswith("qt_")]
    assert unnamed == []
    assert buttons == []


def test_ctrl_q_closes_the_window_and_saves_its_settings(
        qtbot: QtBot, open_desk: OpenDesk, qt_settings_in_tmp: Path) -> None:
    desk = open_desk()
    qtbot.keyClick(desk.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not desk.window.isVisible()
    assert any(qt_settings_in_tmp.rglob("*.ini"))
