"""Privacy mode (Ctrl+Shift+H): every amount is hidden on screen, in tooltips and copies."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.formatting import HIDDEN
from walletdesk.ui.models.balance_columns import COLUMNS


def test_one_shortcut_hides_every_amount_and_brings_them_back(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1.5", usd="65000.12")]})
    desk = open_desk()
    header, rows = desk.window.desk.header, desk.balances.model
    assert header.total.text() == "$65,000.12"
    qtbot.keyClick(desk.window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert desk.window.commands.privacy.isChecked()
    shown = [header.total.text(), header.total.toolTip(),
             desk.window.desk.balances.totals.text(), desk.wallets_model.index(0, 1).data(),
             *(str(rows.index(0, c).data()) for c, spec in enumerate(COLUMNS) if spec.numeric),
             *(str(rows.index(0, c).data(Qt.ItemDataRole.ToolTipRole))
               for c, spec in enumerate(COLUMNS) if spec.numeric)]
    assert not any(secret in text for text in shown for secret in ("65", "1.5", "100")), shown
    assert all(HIDDEN in text for text in shown[:4])
    desk.window.commands.show_balances.trigger()
    table = desk.window.desk.balances.table
    table.setFocus()
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().select(table.model().index(0, 0), flags.ClearAndSelect | flags.Rows)
    copied = table.selected_rows_text()
    assert copied.startswith("BTC\t") and HIDDEN in copied and "65000" not in copied
    qtbot.keyClick(desk.window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert header.total.text() == "$65,000.12"
