"""The first paint shows a priced row as priced, even one whose value rounds to $0 (dust
worth less than 1e-8 USD): its Value cell reads the same before and after the load."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services
from walletdesk.ui.models.balance_columns import ASSET, NO_PRICE_TIP, SHARE, USD
from walletdesk.ui.presenters.desk_presenter import DeskPresenter

TIP = Qt.ItemDataRole.ToolTipRole


def cells(desk: DeskPresenter, column: int,
          role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> dict[str, str]:
    model = desk.balances.model
    return {model.index(row, ASSET).data(): model.index(row, column).data(role)
            for row in range(model.rowCount())}


def test_only_the_unpriced_row_says_no_price_at_first_paint_and_after_the_load(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, shots_dir: Path) -> None:
    seed(services.paths.database, {"MEXC": [
        valued("BTC", "1", usd="65000"),
        valued("DUST", "0.00000001")._replace(priced=True, route="DUSTUSDT"),
        valued("OBSCURE", "1000")]})
    desk = open_desk(start=False)
    desk.window.resize(900, 400)
    qtbot.waitExposed(desk.window)
    values = {"BTC": "$65,000.00", "DUST": "$0.00", "OBSCURE": "no price"}
    assert cells(desk, USD) == values
    assert cells(desk, SHARE) == {"BTC": "100.0 %", "DUST": "0.0 %", "OBSCURE": "—"}
    assert cells(desk, USD, TIP)["DUST"] == "0.00000000"  # its route is not read yet
    assert cells(desk, USD, TIP)["OBSCURE"] == NO_PRICE_TIP
    assert desk.window.grab().save(str(shots_dir / "priced_dust_first_paint.png"))
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    assert cells(desk, USD) == values
    assert cells(desk, USD, TIP)["DUST"] == "0.00000000\nvia DUSTUSDT"  # the load brought it
