"""Balances' 24h change column: the price now against the wallet's snapshot 24 h before."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.test_history_tab import seed_history
from walletdesk.core.models import Balance
from walletdesk.services import Services
from walletdesk.ui.change_colours import change_colour
from walletdesk.ui.formatting import HIDDEN
from walletdesk.ui.models.balance_columns import CHANGE, COLUMNS, NO_CHANGE_TIP
from walletdesk.ui.models.roles import EXACT_ROLE, RECORD_ROLE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter, theme_switch
from walletdesk.ui.views.desk_view import BALANCES_TAB


def opened(qtbot: QtBot, open_desk: OpenDesk) -> DeskPresenter:
    desk = open_desk(start=False)
    desk.window.desk.tabs.setCurrentIndex(BALANCES_TAB)
    with qtbot.waitSignal(desk.balances.changes_shown, timeout=15_000):
        desk.start()
    return desk


def changes(desk: DeskPresenter) -> dict[tuple[str, str], tuple[str, str]]:
    model = desk.balances.model
    cells = {}
    for row in range(model.rowCount()):
        balance = model.index(row, 0).data(RECORD_ROLE)
        assert isinstance(balance, Balance)
        index = model.index(row, CHANGE)
        cells[(balance.exchange, balance.asset)] = (index.data(), index.data(EXACT_ROLE))
    return cells


def test_the_change_is_against_the_latest_snapshot_at_or_before_24_hours_back(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    # Refreshes 30 h, exactly 24 h, 20 h and 0 h ago (steps 0-3): BTC's price is 60,000,
    # 60,340, 60,680, 61,020; ETH's (6,000 + step) / 2; USDT's stays 1.
    seed_history(services.paths.database, [0, 20, 24, 30])
    desk = opened(qtbot, open_desk)
    btc = (Decimal(61020) - 60340) / 60340  # against the snapshot exactly 24 h back
    eth = (Decimal("3001.5") - Decimal("3000.5")) / Decimal("3000.5")
    fmt = desk.balances.model._format
    assert changes(desk) == {
        ("MEXC", "BTC"): (fmt.change(btc), f"{(btc * 100).quantize(Decimal('1e-8'))}%"),
        ("BINANCE", "BTC"): (fmt.change(btc), f"{(btc * 100).quantize(Decimal('1e-8'))}%"),
        ("BINANCE", "ETH"): (fmt.change(eth), f"{(eth * 100).quantize(Decimal('1e-8'))}%"),
        ("MEXC", "USDT"): (fmt.change(Decimal(0)), "0E-8%"),
    }
    assert fmt.change(btc) == "+1.13 %"

    # Sorted by the exact fraction: BTC's two rows, then ETH (+0.033 %), then USDT (0).
    model = desk.balances.model
    model.sort(CHANGE, Qt.SortOrder.DescendingOrder)
    order = [model.index(row, 0).data(RECORD_ROLE).asset for row in range(model.rowCount())]
    assert order == ["BTC", "BTC", "ETH", "USDT"]
    model.sort(CHANGE, Qt.SortOrder.AscendingOrder)
    order = [model.index(row, 0).data(RECORD_ROLE).asset for row in range(model.rowCount())]
    assert order == ["USDT", "ETH", "BTC", "BTC"]

    # Privacy mode: neither the copy nor the tooltip tells how the price moved.
    fmt.private = True
    index = model.index(0, CHANGE)
    assert index.data(EXACT_ROLE) == HIDDEN
    assert index.data(Qt.ItemDataRole.ToolTipRole) == HIDDEN
    fmt.private = False

    # Grouped, BTC's price then is summed over both exchanges: the same 24 h base.
    desk.window.desk.balances.group.setChecked(True)
    grouped = {asset: text for (_names, asset), (text, _exact) in changes(desk).items()}
    assert grouped == {"BTC": fmt.change(btc), "ETH": fmt.change(eth),
                       "USDT": fmt.change(Decimal(0))}


def test_without_history_24_hours_back_the_change_is_a_dash(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed_history(services.paths.database, [0, 6, 23])
    desk = opened(qtbot, open_desk)
    assert set(changes(desk).values()) == {("—", "")}
    model = desk.balances.model
    assert model.index(0, CHANGE).data(Qt.ItemDataRole.ToolTipRole) == NO_CHANGE_TIP
    assert COLUMNS[-1].header == "24h change"  # last: saved layouts keep their positions


def loss_colour(widget: QWidget) -> QColor:
    colour = change_colour(-1, widget.palette().color(QPalette.ColorRole.Window))
    assert colour is not None
    return colour


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_gains_and_losses_are_coloured_for_the_palette_and_keep_their_sign(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, theme: str) -> None:
    # Steps 0-5 at 36, 30, 24, 12, 6 and 0 h ago: BTC falls from 60,680 (24 h back) to
    # 60,200, ETH rises by a dollar, USDT stays.
    seed_history(services.paths.database, [0, 6, 12, 24, 30, 36])
    desk = opened(qtbot, open_desk)
    theme_switch().apply(theme)  # after the window applied the saved theme ("system")
    try:
        base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
        model = desk.balances.model
        colours = {}
        for row in range(model.rowCount()):
            index = model.index(row, CHANGE)
            colours[index.data(RECORD_ROLE).asset] = (
                index.data()[0], index.data(Qt.ItemDataRole.ForegroundRole))
        assert colours["BTC"] == ("-", change_colour(-1, base))
        assert colours["ETH"] == ("+", change_colour(1, base))
        assert colours["USDT"][1] is None  # no change: the palette's own text colour
        assert change_colour(1, base) != change_colour(-1, base)
        assert (change_colour(1, base) == change_colour(1, QColor("#ffffff"))) == (
            theme == "light")

        qtbot.waitUntil(lambda: desk.history.loads >= 1, timeout=10_000)
        figures = desk.window.desk.header.changes
        assert figures.text().startswith("24h: -$")  # BTC's fall outweighs ETH's dollar
        assert figures.text().endswith("7d: —")
        red = loss_colour(figures)
        assert figures.colours() == [red, None]
        assert f'<span style="color:{red.name()}">24h:' in figures.label.text()
        other = "dark" if theme == "light" else "light"
        theme_switch().apply(other)  # switched while shown: the figures take the new colours
        qtbot.waitUntil(lambda: (figures.palette().color(QPalette.ColorRole.Window).lightness()
                                 < 128) == (other == "dark"))
        assert loss_colour(figures).name() in figures.label.text()
        desk.set_private(True)  # privacy: no colour tells which way the price went
        assert model.index(0, CHANGE).data(Qt.ItemDataRole.ForegroundRole) is None
        assert figures.text() == f"24h: {HIDDEN}  ·  7d: —" and figures.colours() == [None] * 2
        assert f"exactly {HIDDEN} USD" in figures.toolTip()
        desk.set_private(False)
        assert figures.text().startswith("24h: -$")
    finally:
        theme_switch().apply("system")
