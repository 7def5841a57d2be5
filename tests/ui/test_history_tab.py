"""The History tab and the header's change figures, with a real store and real widgets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ecb_server import EcbServer
from tests.reference.valuation import ValuedBalance
from tests.store.builders import store_balances
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import valued
from tests.ui.test_screenshots import colours, shoot
from walletdesk.core.models import LOCAL_USER, BalanceSource
from walletdesk.services import Services
from walletdesk.store.database import open_database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository
from walletdesk.ui.models.balance_columns import CHANGE, SHARE
from walletdesk.ui.models.roles import RECORD_ROLE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter, theme_switch
from walletdesk.ui.views.desk_view import BALANCES_TAB, HISTORY_TAB
from walletdesk.ui.widgets.net_worth_chart import EMPTY_TEXT

NOW = datetime.now(UTC).replace(microsecond=0)


def seed_history(database: Path, hours: list[int]) -> None:
    """One refresh of two exchanges ``h`` hours ago for each ``h``, prices rising with time."""
    db = open_database(database)
    try:
        UserRepository(db).ensure(LOCAL_USER)
        wallets = WalletRepository(db, LOCAL_USER.id)
        for step, ago in enumerate(sorted(hours, reverse=True)):
            btc = 60000 + 40 * step + (step % 5) * 300
            at = NOW - timedelta(hours=ago)
            store_balances(wallets, "MEXC", [valued("BTC", "0.5", usd=f"{btc / 2}"),
                                             valued("USDT", "1000", usd="1000")], at)
            store_balances(wallets, "BINANCE", [valued("BTC", "0.25", usd=f"{btc / 4}"),
                                                valued("ETH", "2", usd=f"{6000 + step}")], at)
    finally:
        db.close()


def open_history(qtbot: QtBot, open_desk: OpenDesk) -> DeskPresenter:
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(HISTORY_TAB)
    qtbot.waitUntil(lambda: desk.history.loads >= 1, timeout=10_000)
    return desk


def open_asset(qtbot: QtBot, open_desk: OpenDesk, asset: str) -> DeskPresenter:
    """The History tab showing ``asset``'s own series and detail."""
    desk = open_history(qtbot, open_desk)
    with qtbot.waitSignal(desk.history.shown, timeout=10_000):
        desk.window.desk.history.asset.setCurrentText(asset)
    return desk


def test_before_the_second_refresh_the_chart_says_when_it_starts(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_history(services.paths.database, [0])
    desk = open_history(qtbot, open_desk)
    chart = desk.window.desk.history.chart
    assert chart.is_empty() and chart.accessibleDescription() == EMPTY_TEXT
    assert desk.window.desk.header.changes.text() == "24h: —  ·  7d: —"


def test_ranges_hover_and_the_header_s_change_figures(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_history(services.paths.database, [0, 6, 12, 18, 30, 24 * 5, 24 * 8, 24 * 40])
    desk = open_history(qtbot, open_desk)
    view = desk.window.desk.history
    assert view.ranges.checkedId() == 1  # 7d by default
    assert len(view.chart.shown_points()) == 7  # 6 inside, and the value at the range's start
    view.ranges.button(0).click()  # 24h
    assert len(view.chart.shown_points()) == 5
    view.ranges.button(4).click()  # all
    assert len(view.chart.shown_points()) == 8
    # 24 h before the newest point (step 7: 52,667) the value stood at the point 30 h ago
    # (step 3: 52,768); 7 days before, at the point 8 days ago (step 1: 52,256).
    assert desk.window.desk.header.changes.text() == (
        "24h: -$101.00 (-0.19 %)  ·  7d: +$411.00 (+0.79 %)")
    view.ranges.button(0).click()  # 24h: the newest point stands alone at the right edge
    plot_right = view.chart.width() - 20
    QApplication.sendEvent(view.chart, QMouseEvent(
        QMouseEvent.Type.MouseMove, QPointF(plot_right, 100), QPointF(plot_right, 100),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    last_value = desk.history._points[-1].total_usd_value
    assert view.chart.hover_text().split("\n")[0] == desk.history._format.usd(last_value)


def test_choosing_an_asset_shows_its_own_series_and_detail(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_history(services.paths.database, [0, 6, 12])
    desk = open_asset(qtbot, open_desk, "BTC")
    view = desk.window.desk.history
    assert [value for _at, value in view.chart.shown_points()] == [
        Decimal("45000"), Decimal("45255"), Decimal("45510")]  # 0.75 BTC at each refresh
    assert view.detail.isVisible() and view.detail.title.text() == "BTC"
    assert view.detail.amount.text() == desk.history._format.amount(Decimal("0.75"))
    assert "MEXC" in view.detail.places.text() and "Binance" in view.detail.places.text()
    view.asset.setCurrentIndex(0)
    assert not view.detail.isVisible()


@pytest.fixture(params=["light", "dark"])
def palette_name(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app's own themes (Settings: light, dark), as a user would pick them."""
    yield request.param
    theme_switch().apply("system")


def test_screenshots_of_the_history_tab(qtbot: QtBot, open_desk: OpenDesk, services: Services,
                                        shots_dir: Path, palette_name: str) -> None:
    seed_history(services.paths.database, [24 * 500])  # one refresh, long ago
    desk = open_history(qtbot, open_desk)
    theme_switch().apply(palette_name)
    image = shoot(desk.window, shots_dir, f"history_empty_{palette_name}")
    assert colours(image) > 5
    seed_history(services.paths.database, [h * 3 for h in range(60)] + [
        24 * d for d in range(8, 400, 2)])
    with qtbot.waitSignal(desk.history.shown, timeout=10_000):
        desk.reload()
    view = desk.window.desk.history
    shoot(desk.window, shots_dir, f"history_7d_{palette_name}")
    view.ranges.button(4).click()
    QApplication.sendEvent(view.chart, QMouseEvent(
        QMouseEvent.Type.MouseMove, QPointF(view.chart.width() / 2, 80),
        QPointF(view.chart.width() / 2, 80), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert view.chart.hover_text()
    shoot(desk.window, shots_dir, f"history_all_hover_{palette_name}")
    with qtbot.waitSignal(desk.history.shown, timeout=10_000):
        view.asset.setCurrentText("BTC")
    shoot(desk.window, shots_dir, f"history_asset_btc_{palette_name}")
    desk.window.resize(640, 480)
    QApplication.processEvents()
    assert desk.window.grab().toImage().save(str(shots_dir / f"history_small_{palette_name}.png"))
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    shoot(desk.window, shots_dir, f"balances_with_changes_{palette_name}")
    window = view.chart.palette().color(QPalette.ColorRole.Window)
    assert (window.lightness() < 100) == (palette_name == "dark")


def test_a_display_currency_shows_the_total_chart_and_changes_in_it_with_the_rate(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, shots_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seed_history(services.paths.database, [0, 6, 30, 24 * 8])
    with EcbServer(day="2026-11-20") as ecb:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", ecb.url)
        desk = open_history(qtbot, open_desk)
        header = desk.window.desk.header
        assert not header.in_currency.isVisible()
        with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
            desk.window.currency_menu.choices["GBP"].trigger()
    rate = desk.currency.rate
    assert rate is not None and rate.source == "European Central Bank"
    total = desk.portfolio.total_usd_value
    assert header.in_currency.text() == f"≈ {rate.convert(total):,.2f}\u00a0GBP  (rate stale)"
    assert "0.78981481 GBP per USD (European Central Bank, 2026-11-20)" in \
        header.in_currency.toolTip()
    assert desk.history._money(Decimal(1)) == "1.00\u00a0GBP"
    _at, last_value = desk.window.desk.history.chart.shown_points()[-1]
    assert last_value == rate.convert(desk.history._points[-1].total_usd_value)
    assert "GBP" in header.changes.text()
    assert desk.settings.display_currency() == "GBP"
    desk.window.desk.tabs.setCurrentIndex(HISTORY_TAB)
    shoot(desk.window, shots_dir, "history_in_gbp")
    with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
        desk.window.currency_menu.choices["USD"].trigger()
    assert not header.in_currency.isVisible() and "$" in header.changes.text()


def test_grouping_by_asset_sums_each_asset_across_exchanges_exactly(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, shots_dir: Path) -> None:
    seed_history(services.paths.database, [0])
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    view, model = desk.window.desk.balances, desk.balances.model
    assert model.rowCount() == 4  # BTC on MEXC and on Binance, USDT, ETH
    view.group.setChecked(True)
    rows = {b.asset: b for b in desk.balances.all_balances()}
    assert set(rows) == {"BTC", "ETH", "USDT"} and model.rowCount() == 3
    btc = rows["BTC"]
    assert (btc.total, btc.usd_value, btc.exchange) == (
        Decimal("0.75"), Decimal("45000"), "Binance, MEXC")
    assert not view.exchange.isEnabled()
    shoot(desk.window, shots_dir, "balances_grouped")
    view.group.setChecked(False)
    assert model.rowCount() == 4 and view.exchange.isEnabled()


def test_a_removed_key_s_history_is_offered_for_deletion_and_goes_on_yes(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_history(services.paths.database, [0, 6])
    db = open_database(services.paths.database)
    try:  # the Binance key was removed: its wallet went, its history stays (closed at 0)
        with db.transaction() as session:
            session.connection().exec_driver_sql("DELETE FROM wallets WHERE exchange = 'BINANCE'")
    finally:
        db.close()
    desk = open_history(qtbot, open_desk)
    view = desk.window.desk.history
    qtbot.waitUntil(lambda: view.forget.isVisibleTo(desk.window), timeout=10_000)
    [action] = view.forget.menu().actions()
    assert action.text() == "Binance…"
    action.trigger()
    box = desk.history.confirmation
    assert box is not None and "Binance" in box.text()
    [delete] = [b for b in box.buttons() if b.text() == "Delete history"]
    with qtbot.waitSignal(desk.history.shown, timeout=10_000):
        delete.click()
    assert services.history.exchanges() == ["MEXC"]
    qtbot.waitUntil(lambda: not view.forget.isVisibleTo(desk.window), timeout=10_000)


def test_the_shown_series_is_exported_from_the_history_tab(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, tmp_path: Path) -> None:
    seed_history(services.paths.database, [0, 6, 12])
    desk = open_history(qtbot, open_desk)
    view = desk.window.desk.history
    assert [a.text()[:3] for a in view.export.menu().actions()] == ["CSV", "Exc", "JSO"]
    view.export.menu().actions()[0].trigger()  # CSV: the file chooser opens
    chooser = desk.history.exporter.chooser
    assert chooser is not None and chooser.isVisible()
    assert Path(chooser.selectedFiles()[0]).name.startswith("walletdesk-history-")
    chooser.reject()
    with qtbot.waitSignal(desk.history.shown, timeout=10_000):
        view.asset.setCurrentText("BTC")
    target = tmp_path / "btc.json"
    with qtbot.waitSignal(desk.history.exporter.written, timeout=10_000):
        desk.history.exporter.export_to(target, "json")
    points = json.loads(target.read_text())
    assert [p["usd_value"] for p in points] == ["45000.00000000", "45255.00000000",
                                                "45510.00000000"]
    assert desk.status.text().startswith("Exported 3 history points")


def test_the_asset_detail_names_the_price_route_and_each_place(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    key = services.credentials.add(exchange="MEXC", api_key="mx0vglkeykeykey01",
                                   secret="s" * 32, label=None)
    db = open_database(services.paths.database)
    try:
        store_balances(
            WalletRepository(db, LOCAL_USER.id), "MEXC",
            [ValuedBalance("BTC", Decimal("0.5"), Decimal("0.25"), Decimal("45000"), True,
                           "BTCUSDT")], NOW,
            sources=[BalanceSource(key.id, "BTC", "spot", Decimal("0.5"), Decimal(0)),
                     BalanceSource(key.id, "BTC", "earn", Decimal(0), Decimal("0.25"))])
    finally:
        db.close()
    desk = open_asset(qtbot, open_desk, "BTC")
    view = desk.window.desk.history
    assert view.detail.route.text() == "MEXC: BTCUSDT"
    places = view.detail.places.text().splitlines()
    assert places[0].startswith("MEXC: 0.75") and sorted(places[1:]) == [
        "    earn: 0.25", "    spot: 0.5"]


def seed_with_demo(database: Path, exchanges: dict[str, list[str]]) -> None:
    """Each exchange's USD value at a refresh 30 h ago and at one now."""
    db = open_database(database)
    try:
        UserRepository(db).ensure(LOCAL_USER)
        wallets = WalletRepository(db, LOCAL_USER.id)
        for exchange, values in exchanges.items():
            for ago, usd in zip((30, 0), values, strict=True):
                store_balances(wallets, exchange, [valued("USDT", usd, usd=usd)],
                               NOW - timedelta(hours=ago))
    finally:
        db.close()


def test_the_demo_s_sample_money_stays_out_of_the_real_chart_and_change_figures(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_with_demo(services.paths.database, {"MEXC": ["1000", "1100"],
                                             "DEMO": ["50000", "60000"]})
    desk = open_history(qtbot, open_desk)
    header, chart = desk.window.desk.header, desk.window.desk.history.chart
    assert [value for _at, value in chart.shown_points()] == [Decimal("1000"), Decimal("1100")]
    assert header.changes.text().startswith("24h: +$100.00 (+10.00 %)")
    assert desk.history.shown_table().rows[-1][-1] == Decimal("1100")  # the export too


def test_with_only_the_demo_its_history_is_the_one_shown(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_with_demo(services.paths.database, {"DEMO": ["50000", "60000"]})
    desk = open_history(qtbot, open_desk)
    chart = desk.window.desk.history.chart
    assert [value for _at, value in chart.shown_points()] == [Decimal("50000"), Decimal("60000")]
    assert desk.window.desk.header.changes.text().startswith("24h: +$10,000.00 (+20.00 %)")


def test_one_asset_s_chart_detail_and_export_leave_the_demo_s_sample_out(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_with_demo_btc(services.paths.database)
    desk = open_asset(qtbot, open_desk, "BTC")
    view = desk.window.desk.history
    assert [value for _at, value in view.chart.shown_points()] == [
        Decimal("30000"), Decimal("31000")]
    assert [row[2] for row in desk.history.shown_table().rows] == [Decimal("0.5")] * 2
    assert view.detail.amount.text() == desk.history._format.amount(Decimal("0.5"))
    assert sorted(view.detail.places.text().splitlines())[0].endswith(", not counted")


def test_grouped_the_demo_s_sample_is_a_row_of_its_own_beside_real_money(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_with_demo_btc(services.paths.database)
    desk = open_desk(start=False)
    with qtbot.waitSignal(desk.balances.changes_shown, timeout=15_000):
        desk.start()
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    view, model = desk.window.desk.balances, desk.balances.model
    view.group.setChecked(True)
    rows = {(b.exchange, b.asset): b for b in desk.balances.all_balances()}
    assert set(rows) == {("MEXC", "BTC"), ("DEMO", "BTC")}
    assert rows[("MEXC", "BTC")].total == Decimal("0.5")  # not 0.9718
    shares = {model.index(r, SHARE).data(RECORD_ROLE).exchange: model.index(r, SHARE).data()
              for r in range(model.rowCount())}
    assert shares == {"MEXC": "100.0 %", "DEMO": "—"}
    changes = {model.index(r, CHANGE).data(RECORD_ROLE).exchange: model.index(r, CHANGE).data()
               for r in range(model.rowCount())}
    assert changes == {"MEXC": "+3.33 %", "DEMO": "+3.70 %"}  # each against its own day
    assert view.totals.text() == (
        "Showing all 2 balances, worth $31,000.00 (demo sample of $28,000.00 not counted)")


def seed_with_demo_btc(database: Path) -> None:
    """BTC on MEXC and in the demo, at a refresh 30 h ago and at one now."""
    db = open_database(database)
    try:
        UserRepository(db).ensure(LOCAL_USER)
        wallets = WalletRepository(db, LOCAL_USER.id)
        for ago, mexc_usd, demo_usd in ((30, "30000", "27000"), (0, "31000", "28000")):
            at = NOW - timedelta(hours=ago)
            store_balances(wallets, "MEXC", [valued("BTC", "0.5", usd=mexc_usd)], at)
            store_balances(wallets, "DEMO", [valued("BTC", "0.4718", usd=demo_usd)], at)
    finally:
        db.close()
