"""The Balances and Wallets tables in a display currency, through the real window offscreen.

Each shown value is the stored USD value converted by ``core.currency`` (the exact rate,
rounded once); sorting stays on the stored USD; privacy mode hides the converted numbers too.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ecb_server import EcbServer
from tests.exchange_server import ExchangeServer
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from tests.ui.test_history_tab import seed_history
from tests.ui.test_screenshots import colours
from walletdesk.core.models import Balance
from walletdesk.core.money import quantize8
from walletdesk.services import Services
from walletdesk.ui.formatting import HIDDEN
from walletdesk.ui.models.balance_columns import PRICE, USD
from walletdesk.ui.models.roles import EXACT_ROLE, RECORD_ROLE
from walletdesk.ui.models.wallets_model import TOTAL_COLUMN
from walletdesk.ui.presenters.desk_presenter import DeskPresenter, theme_switch
from walletdesk.ui.views.desk_view import BALANCES_TAB, HISTORY_TAB, WALLETS_TAB

PORTFOLIO = {
    "MEXC": [valued("BTC", "0.5", usd="32125.05"), valued("USDT", "1000", usd="1000"),
             valued("DUST", "3", usd="0.00300000"), valued("SPAM", "1000"),
             valued("ODD", "7", usd="4.04")],
    "BINANCE": [valued("BTC", "0.25", usd="16062.525"), valued("ETH", "2", usd="6000.01")],
}


@pytest.fixture
def ecb(monkeypatch: pytest.MonkeyPatch) -> Iterator[EcbServer]:
    with EcbServer() as server:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", server.url)
        yield server


def in_currency(qtbot: QtBot, desk: DeskPresenter, code: str) -> None:
    with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
        desk.window.currency_menu.choices[code].trigger()
    assert desk.currency.rate is not None and desk.currency.rate.currency == code


def column(desk: DeskPresenter, section: int, role: int = Qt.ItemDataRole.DisplayRole
           ) -> dict[tuple[str, str], object]:
    model = desk.balances.model
    cells = {}
    for row in range(model.rowCount()):
        balance = model.index(row, 0).data(RECORD_ROLE)
        assert isinstance(balance, Balance)
        cells[(balance.exchange, balance.asset)] = model.index(row, section).data(role)
    return cells


def header(desk: DeskPresenter, section: int) -> str:
    text = desk.balances.model.headerData(section, Qt.Orientation.Horizontal)
    assert isinstance(text, str)
    return text


def test_balances_show_each_value_and_price_in_the_display_currency_exactly(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, ecb: EcbServer) -> None:
    seed(services.paths.database, PORTFOLIO)
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    model, fmt = desk.balances.model, desk.balances.model._format
    usd_order = [model.index(r, 0).data(RECORD_ROLE) for r in range(model.rowCount())]
    assert header(desk, USD) == "USD value" and header(desk, PRICE) == "Price"
    in_currency(qtbot, desk, "EUR")
    rate = desk.currency.rate
    assert rate is not None and rate.source == "European Central Bank"
    assert header(desk, USD) == "EUR value" and header(desk, PRICE) == "Price (EUR)"

    stored = {(b.exchange, b.asset): b for b in usd_order}
    # 32,125.05 USD at 1 / 1.08 EUR per USD: 29,745.41666666|67 -> rounded once.
    assert rate.convert(Decimal("32125.05")) == Decimal("29745.41666667")
    assert column(desk, USD)[("MEXC", "BTC")] == "29,745.42\u00a0EUR"
    assert column(desk, USD, EXACT_ROLE)[("MEXC", "BTC")] == "29745.41666667"
    assert column(desk, USD) == {key: fmt.money(rate.convert(b.usd_value), "EUR")
                                 if b.priced else "no price" for key, b in stored.items()}
    assert column(desk, USD)[("MEXC", "DUST")] == "< 0.01\u00a0EUR"
    tip = column(desk, USD, Qt.ItemDataRole.ToolTipRole)[("MEXC", "BTC")]
    assert isinstance(tip, str) and tip.startswith("29745.41666667 EUR\n= 32125.05000000 USD at")
    assert "(European Central Bank, 2026-11-30)" in tip
    # The price is the exact USD quotient converted whole: 64,250.10 USD / 1.08.
    assert column(desk, PRICE)[("MEXC", "BTC")] == "59,490.83\u00a0EUR"
    assert column(desk, PRICE, EXACT_ROLE)[("MEXC", "BTC")] == str(
        quantize8(Decimal("64250.1") / Decimal("1.08")))
    # 4.04 / 7 USD is 0.577142857142...: converted whole it is 0.53439153 EUR; rounded to
    # 8 places first (0.57714286), it would end in ...54.
    assert column(desk, PRICE, EXACT_ROLE)[("MEXC", "ODD")] == "0.53439153"

    # Sorting stays on the stored USD, whatever the currency (one rate keeps the order).
    assert [model.index(r, 0).data(RECORD_ROLE) for r in range(model.rowCount())] == usd_order
    model.sort(USD, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data(RECORD_ROLE) for r in range(model.rowCount())] == sorted(
        usd_order, key=lambda b: b.usd_value)

    # The totals line: the shown sum converted once, as the header's total is.
    total = desk.portfolio.total_usd_value
    totals = desk.window.desk.balances.totals
    assert totals.text().endswith(f"worth {fmt.money(rate.convert(total), 'EUR')}")
    assert totals.toolTip() == f"Exactly {rate.convert(total)} EUR ({fmt.exact(total)} USD)"
    assert header_total(desk) == f"≈ {fmt.money(rate.convert(total), 'EUR')}"

    # Grouped rows are converted from their summed USD value.
    desk.window.desk.balances.group.setChecked(True)
    grouped = {asset: text for (_names, asset), text in column(desk, USD).items()}
    assert grouped["BTC"] == fmt.money(rate.convert(Decimal("48187.575")), "EUR")

    # Back to USD: the stored values, as before.
    in_usd(qtbot, desk)
    assert header(desk, USD) == "USD value"
    assert grouped_usd(desk)["BTC"] == "$48,187.58"


def header_total(desk: DeskPresenter) -> str:
    return desk.window.desk.header.in_currency.text()


def in_usd(qtbot: QtBot, desk: DeskPresenter) -> None:
    with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
        desk.window.currency_menu.choices["USD"].trigger()


def grouped_usd(desk: DeskPresenter) -> dict[str, object]:
    return {asset: text for (_names, asset), text in column(desk, USD).items()}


def test_the_wallets_table_and_asset_detail_follow_the_display_currency(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, ecb: EcbServer) -> None:
    seed(services.paths.database, PORTFOLIO)
    desk = open_desk()
    in_currency(qtbot, desk, "GBP")
    rate = desk.currency.rate
    assert rate is not None
    wallets, fmt = desk.wallets_model, desk.balances.model._format
    assert wallets.headerData(TOTAL_COLUMN, Qt.Orientation.Horizontal) == "Total GBP"
    texts = {wallets.row_record(r).wallet.exchange: wallets.index(r, TOTAL_COLUMN).data()
             for r in range(wallets.rowCount())}
    assert texts == {"MEXC": fmt.money(rate.convert(Decimal("33129.093")), "GBP"),
                     "BINANCE": fmt.money(rate.convert(Decimal("22062.535")), "GBP")}
    tip = wallets.index(0, TOTAL_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and tip.endswith(" USD") and "GBP" in tip

    desk.window.desk.tabs.setCurrentIndex(HISTORY_TAB)
    detail = desk.window.desk.history.detail
    desk.window.desk.history.asset.setCurrentText("BTC")
    assert detail.value.text() == fmt.money(rate.convert(Decimal("48187.575")), "GBP")
    assert detail.price.text() == fmt.money(
        rate.convert(Decimal("48187.575") / Decimal("0.75")), "GBP")
    assert "GBP)" in detail.places.text()
    in_usd(qtbot, desk)
    assert detail.value.text() == "$48,187.58"
    assert wallets.headerData(TOTAL_COLUMN, Qt.Orientation.Horizontal) == "Total USD"


def test_privacy_mode_hides_the_converted_values_too(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, ecb: EcbServer) -> None:
    seed(services.paths.database, PORTFOLIO)
    desk = open_desk()
    in_currency(qtbot, desk, "EUR")
    desk.set_private(True)
    for role in (Qt.ItemDataRole.DisplayRole, EXACT_ROLE):
        assert set(column(desk, USD, role).values()) - {"no price"} == {HIDDEN}
        assert set(column(desk, PRICE, role).values()) - {"no price", ""} == {HIDDEN}
    assert all(HIDDEN in str(tip) or "No USD price" in str(tip)
               for tip in column(desk, USD, Qt.ItemDataRole.ToolTipRole).values())
    assert desk.window.desk.balances.totals.toolTip() == f"Exactly {HIDDEN} EUR ({HIDDEN} USD)"
    assert HIDDEN in desk.window.desk.balances.totals.text()
    assert header_total(desk) == f"≈ {HIDDEN}"
    assert "Exactly •" in desk.window.desk.header.in_currency.toolTip()
    wallets = desk.wallets_model
    assert {wallets.index(r, TOTAL_COLUMN).data() for r in range(wallets.rowCount())} == {
        HIDDEN}


def test_bitcoin_comes_from_the_user_s_own_exchange_to_eight_places(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc_server: ExchangeServer,
        monkeypatch: pytest.MonkeyPatch, ecb: EcbServer) -> None:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "64250.10"})
    account = mexc_server.add_account(balances={"BTC": "0.5"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label=None)
    seed(services.paths.database, PORTFOLIO)
    desk = open_desk()
    in_currency(qtbot, desk, "BTC")
    rate = desk.currency.rate
    assert rate is not None and rate.source == "MEXC BTCUSDT" and ecb.requests == 0
    assert column(desk, USD)[("MEXC", "BTC")] == "0.50000000\u00a0BTC"  # 32,125.05 / 64,250.10
    assert column(desk, USD)[("BINANCE", "ETH")] == f"{rate.convert(Decimal('6000.01'))}\u00a0BTC"
    assert header(desk, USD) == "BTC value"


SIZES = ((1400, 900), (640, 480))


def shots(desk: DeskPresenter, folder: Path, name: str) -> None:
    """``name`` at each size; each image must show something (not one flat colour)."""
    for width, height in SIZES:
        for _ in range(2):  # a short window compacts its header, and may then be narrower
            desk.window.resize(width, height)
            QApplication.processEvents()
        image = desk.window.grab().toImage()
        assert colours(image) > 5 and image.width() == width
        assert image.save(str(folder / f"{name}_{width}x{height}.png"))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_in_a_display_currency(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc_server: ExchangeServer,
        monkeypatch: pytest.MonkeyPatch, ecb: EcbServer, shots_dir: Path, theme: str) -> None:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "64250.10"})
    account = mexc_server.add_account(balances={"BTC": "0.5"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label=None)
    seed_history(services.paths.database, [24 * 500])  # one refresh: the chart is empty
    desk = open_desk()
    theme_switch().apply(theme)
    try:
        tabs = desk.window.desk.tabs
        tabs.setCurrentIndex(HISTORY_TAB)
        shots(desk, shots_dir, f"currency_history_empty_{theme}")
        # Refreshes every 5 h for 8 days, then every 3 days back to 400; the extra ones
        # (2 h ago, and four beyond) put BTC's price now below its price a day before.
        seed_history(services.paths.database, [h * 5 for h in range(40)] + [2] + [
            24 * d for d in (*range(8, 400, 3), 401, 402, 403, 404)])
        with qtbot.waitSignal(desk.balances.changes_shown, timeout=10_000):
            desk.reload()
        in_currency(qtbot, desk, "EUR")
        qtbot.waitUntil(lambda: bool(desk.window.desk.history.chart.shown_points()))
        shots(desk, shots_dir, f"currency_history_7d_eur_{theme}")
        desk.window.desk.history.ranges.button(4).click()
        shots(desk, shots_dir, f"currency_history_all_eur_{theme}")
        with qtbot.waitSignal(desk.history.shown, timeout=10_000):
            desk.window.desk.history.asset.setCurrentText("BTC")
        shots(desk, shots_dir, f"currency_asset_detail_eur_{theme}")
        tabs.setCurrentIndex(BALANCES_TAB)
        shots(desk, shots_dir, f"currency_balances_eur_{theme}")
        desk.window.desk.balances.group.setChecked(True)
        shots(desk, shots_dir, f"currency_balances_grouped_eur_{theme}")
        desk.window.desk.balances.group.setChecked(False)
        in_currency(qtbot, desk, "BTC")
        shots(desk, shots_dir, f"currency_balances_btc_{theme}")
        tabs.setCurrentIndex(WALLETS_TAB)
        shots(desk, shots_dir, f"currency_wallets_btc_{theme}")
    finally:
        theme_switch().apply("system")
