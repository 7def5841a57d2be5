"""Nothing stale passes for fresh: failed wallets are marked, ages follow the clock, demo
money stays out of the real total, unpriced is not dust, what the CLI writes shows up,
and the window refreshes by itself (never two at once)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exchange_server import ExchangeServer
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.app import main
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET, EXCHANGE, SHARE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter


@pytest.fixture
def mexc(mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> ExchangeServer:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "65000"})
    return mexc_server


def rows_of(desk: DeskPresenter, exchange: str) -> list[int]:
    rows = desk.balances.model
    return [r for r in range(rows.rowCount()) if rows.index(r, EXCHANGE).data() == exchange]


def test_a_failed_refresh_marks_its_rows_and_the_header_names_it(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": "2"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    services.credentials.add_demo()
    desk = open_desk()
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    header = desk.window.desk.header
    assert not header.stale.isVisible() and "just now" in header.updated.text()
    [mexc_row] = rows_of(desk, "MEXC")
    assert desk.balances.model.index(mexc_row, EXCHANGE).data(
        Qt.ItemDataRole.DecorationRole) is None

    mexc.remove_account(account.api_key)  # the exchange now refuses the key
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    assert header.stale.isVisible()
    assert header.stale.text().startswith("MEXC: the last refresh failed, so these are the "
                                          "balances from ")
    [mexc_row] = rows_of(desk, "MEXC")
    cell = desk.balances.model.index(mexc_row, EXCHANGE)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "the last refresh failed" in cell.data(Qt.ItemDataRole.ToolTipRole)
    demo_row = rows_of(desk, "Demo (offline sample)")[0]
    assert desk.balances.model.index(demo_row, EXCHANGE).data(
        Qt.ItemDataRole.DecorationRole) is None  # its refresh worked


def test_a_failed_wallet_is_still_marked_after_a_restart(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": "2"})
    key = services.credentials.add(exchange="MEXC", api_key=account.api_key,
                                   secret=account.secret, label="Main")
    services.credentials.add_demo()
    assert all(outcome.ok for outcome in services.portfolio.refresh())
    mexc.remove_account(account.api_key)  # the exchange now refuses the key
    first = open_desk()
    with qtbot.waitSignal(first.loaded, timeout=15_000):
        qtbot.keyClick(first.window, Qt.Key.Key_F5)
    first.window.close()

    again = open_desk(start=False)  # a new window: the first paint already knows
    header = again.window.desk.header
    assert header.stale.isVisible()
    with qtbot.waitSignal(again.loaded, timeout=15_000):
        again.start()
    later = datetime.now(UTC) + timedelta(hours=3)
    again.clock = lambda: later
    again.live.tick.timeout.emit()
    assert "MEXC: the last refresh failed, so these are the balances from " in (
        header.stale.text())
    assert "(3 h ago). MEXC rejected the API key" in header.stale.text()
    [mexc_row] = rows_of(again, "MEXC")
    cell = again.balances.model.index(mexc_row, EXCHANGE)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "the last refresh failed" in cell.data(Qt.ItemDataRole.ToolTipRole)
    wallets = again.wallets_model
    [mexc_wallet] = [r for r in range(wallets.rowCount()) if wallets.exchange_at(r) == "MEXC"]
    assert wallets.index(mexc_wallet, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    keys = again.credentials_model
    [key_row] = [r for r, row in enumerate(keys.rows()) if row.credential.id == key.id]
    assert keys.index(key_row, 4).data().startswith("Failed at the last refresh")


def test_the_header_age_and_stale_marker_follow_the_clock(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    stored = datetime.now(UTC)
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]}, updated=stored)
    desk = open_desk()
    now = [stored + timedelta(seconds=5)]
    desk.clock = lambda: now[0]
    header = desk.window.desk.header
    desk.live.tick.timeout.emit()
    assert "(just now)" in header.updated.text() and not header.stale.isVisible()
    assert desk.live.tick.isActive()  # asked again on a timer, not once
    now[0] = stored + timedelta(hours=2)
    desk.live.tick.timeout.emit()
    assert "(2 h ago)" in header.updated.text()
    assert header.stale.isVisible() and "MEXC: balances from" in header.stale.text()
    [row] = rows_of(desk, "MEXC")
    assert desk.balances.model.index(row, EXCHANGE).data(Qt.ItemDataRole.ToolTipRole)
    assert desk.wallets_model.index(0, 3).data().endswith("(2 h ago)")


def test_demo_money_is_shown_apart_from_the_real_total(
        open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="100")],
                                   "DEMO": [valued("ETH", "2", usd="5000")]})
    desk = open_desk()
    header = desk.window.desk.header
    assert header.total.text() == "$100.00"
    assert header.demo.isVisible() and "$5,000.00" in header.demo.text()
    assert [s.label for s in header.chart.slices()] == ["BTC"]
    totals = desk.window.desk.balances.totals.text()
    assert "worth $100.00" in totals and "demo sample of $5,000.00 not counted" in totals
    [demo_row] = rows_of(desk, "Demo (offline sample)")
    assert desk.balances.model.index(demo_row, SHARE).data() == "—"


def test_the_dust_filter_keeps_assets_without_a_price(
        open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="100"),
                                            valued("DUST", "1", usd="0.5"),
                                            valued("VEN", "1200", usd="0")]})
    desk = open_desk()
    view = desk.window.desk.balances
    view.dust.setText("1")
    view.hide_dust.setChecked(True)
    rows = desk.balances.model
    assert sorted(rows.index(r, ASSET).data() for r in range(rows.rowCount())) == [
        "BTC", "VEN"]


def test_what_the_cli_writes_shows_up_in_the_open_window(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    desk = open_desk()
    assert desk.window.screens.currentWidget() is desk.window.empty
    data_dir = str(services.paths.data_dir)
    assert main(["--data-dir", data_dir, "credentials", "add", "--exchange", "demo",
                 "--api-key", "demo"]) == 0
    assert main(["--data-dir", data_dir, "refresh"]) == 0
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        pass  # the database poll notices the CLI's commits and reads the portfolio again
    assert desk.window.screens.currentWidget() is desk.window.desk
    assert rows_of(desk, "Demo (offline sample)")
    assert not desk.live.check_database()  # seen: no second reload


def test_auto_refresh_follows_its_setting_and_never_runs_twice(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    from tests.exchange_server import Fault

    account = mexc.add_account(balances={"BTC": "2"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    desk = open_desk()
    auto = desk.live.auto_refresh
    assert auto.isActive() and auto.interval() == 15 * 60_000  # the default
    desk.live.set_auto_refresh(1)
    assert auto.interval() == 5 * 60_000  # never more often than every five minutes
    desk.live.set_auto_refresh(0)
    assert not auto.isActive()
    desk.live.set_auto_refresh(30)
    mexc.inject(Fault.LATENCY, seconds=0.5, times=None)
    with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
        auto.timeout.emit()
        assert desk.refresh.running
        auto.timeout.emit()  # due again while one runs: refused
    assert len(mexc.requests_to("/api/v3/account")) == 1
