"""Column policy: numbers take the width they need and line up on their points, long text
elides with the whole in its tooltip, and a small window gets a compact header."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import UPDATED, seed, valued
from walletdesk.core.balance_table import BalanceTable, Row
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET, COLUMNS, LOCKED, TOTAL, largest_price
from walletdesk.ui.presenters.desk_presenter import DeskPresenter

LONG = "SPAMTOKEN" + "X" * 11  # 20 characters, the most the spec's asset column holds


def open_big(open_desk: OpenDesk, services: Services) -> DeskPresenter:
    seed(services.paths.database, {"MEXC": [
        valued(LONG, "9999999999.12345678", usd="9000000000.99"),
        valued("BTC", "123456789.1", usd="123456789.12345678"),
        valued("ETH", "2", "0.5", usd="6000")]})
    desk = open_desk()
    desk.window.resize(1400, 900)
    QApplication.processEvents()
    return desk


def test_no_number_is_cut_off_and_text_shows_whole_in_its_tooltip(
        open_desk: OpenDesk, services: Services) -> None:
    desk = open_big(open_desk, services)
    table, rows = desk.window.desk.balances.table, desk.balances.model
    metrics = table.fontMetrics()
    for column, spec in enumerate(COLUMNS):
        for row in range(rows.rowCount()):
            text = str(rows.index(row, column).data())
            if spec.numeric:
                assert metrics.horizontalAdvance(text) < table.columnWidth(column), text
    long_row = next(r for r in range(rows.rowCount()) if rows.index(r, ASSET).data() == LONG)
    assert rows.index(long_row, ASSET).data(Qt.ItemDataRole.ToolTipRole) == LONG
    assert table.textElideMode() == Qt.TextElideMode.ElideRight


def test_amounts_line_up_on_their_decimal_points(
        open_desk: OpenDesk, services: Services) -> None:
    desk = open_big(open_desk, services)
    rows, metrics = desk.balances.model, desk.window.desk.balances.table.fontMetrics()
    for column in (LOCKED, TOTAL):
        texts = [str(rows.index(r, column).data()) for r in range(rows.rowCount())]
        # right-aligned: the width after the point is the same in every row
        tails = {metrics.horizontalAdvance(t.lstrip("0123456789,")) for t in texts}
        assert len(tails) == 1, texts


def test_a_small_window_gets_a_compact_header(open_desk: OpenDesk, services: Services) -> None:
    desk = open_big(open_desk, services)
    header = desk.window.desk.header
    assert header.chart.isVisible()
    desk.window.resize(640, 480)
    QApplication.processEvents()
    assert header.compact and not header.chart.isVisible()
    assert header.height() < desk.window.height() // 4
    desk.window.resize(1400, 900)
    QApplication.processEvents()
    assert not header.compact and header.chart.isVisible()


def test_the_price_column_is_sized_by_the_exact_largest_price() -> None:
    # Two prices whose integer quotients tie (0.333333333333 USD at 1e-12) and differ after:
    # the larger exact one is found, whichever row comes first.
    rows: list[Row] = [(0, "LOW", 0, 0, 3, 1), (0, "HIGH", 0, 0, 999_999_999_999_998,
                                                333_333_333_333_333),
                       (0, "FREE", 0, 0, 0, 5), (0, "NONE", 0, 0, 7, 0)]
    for order in (rows, rows[::-1]):
        table = BalanceTable({0: ("MEXC", UPDATED)}, order)
        assert largest_price(table) == Decimal(333_333_333_333_333) / Decimal(999_999_999_999_998)
    assert largest_price(BalanceTable({}, [])) == 0
