"""The first paint of 10,000 stored balances builds records only for the rows on screen.

This is what keeps a start with 10,000 balances as fast as one with 10 (the timing itself
is tests/benchmarks/bench_startup.py): anything at first paint that walks the portfolio
must read the table's columns, not build a ``Balance`` per row.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, synthetic
from walletdesk.core.balance_table import BalanceTable, Row
from walletdesk.core.models import Balance
from walletdesk.services import Services
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.balances_filter import BalanceFilter, Mask, RowFilter
from walletdesk.ui.views.history_view import HistoryView


def test_painting_ten_thousand_balances_builds_only_the_rows_shown(
        qtbot: QtBot, open_desk: OpenDesk, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seed(services.paths.database, {"MEXC": synthetic(6_000), "BINANCE": synthetic(4_000)})
    built: list[Row] = []
    original = BalanceTable._balance

    def counting(table: BalanceTable, row: Row) -> Balance:
        built.append(row)
        return original(table, row)

    passes: list[int] = []  # rows in the table, per filter pass over it
    mask = RowFilter.mask

    def counting_mask(rows: RowFilter, balance_filter: BalanceFilter) -> Mask:
        passes.append(len(rows._balances))
        return mask(rows, balance_filter)

    monkeypatch.setattr(BalanceTable, "_balance", counting)
    monkeypatch.setattr(RowFilter, "mask", counting_mask)
    desk = open_desk(start=False)
    qtbot.waitExposed(desk.window)
    assert desk.balances.model.rowCount() == 10_000
    assert len(built) < 500  # at most the rows a window can show, not the table
    assert [n for n in passes if n] == [10_000]  # one pass, not one more per change of a cell


def test_the_history_asset_choice_is_sized_by_characters_not_by_its_assets(
        qtbot: QtBot) -> None:
    # Sized by its items, the choice measured all 10,000 asset names when the window first
    # laid out (~17 ms of the first paint); a long name now elides instead of widening it.
    def width(assets: list[str]) -> int:
        view = HistoryView(Formatter())
        qtbot.addWidget(view)
        view.asset.addItems(assets)
        return view.asset.sizeHint().width()

    short = [f"A{i:05d}" for i in range(100)]
    assert width([*short, "A-SPAM-TOKEN-WHOSE-NAME-GOES-ON-AND-ON-AND-ON"]) == width(short)
