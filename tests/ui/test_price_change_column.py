"""Balances' 24h change column: the price now against the wallet's snapshot 24 h before."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.test_history_tab import seed_history
from walletdesk.core.models import Balance
from walletdesk.services import Services
from walletdesk.ui.formatting import HIDDEN
from walletdesk.ui.models.balance_columns import CHANGE, COLUMNS, NO_CHANGE_TIP
from walletdesk.ui.models.roles import EXACT_ROLE, RECORD_ROLE
from walletdesk.ui.presenters.desk_presenter import DeskPresenter
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
