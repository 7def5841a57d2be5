"""The balances search: an empty result says why, Esc clears the search (even while Esc
also cancels refreshes), Down moves into the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exchange_server import ExchangeServer, Fault
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.services import Services


@pytest.fixture
def slow_mexc(mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> ExchangeServer:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "65000"})
    mexc_server.inject(Fault.LATENCY, seconds=1.0, times=None)
    return mexc_server


def test_search_keys_and_an_empty_result(qtbot: QtBot, open_desk: OpenDesk, services: Services,
                                         slow_mexc: ExchangeServer) -> None:
    account = slow_mexc.add_account(balances={"BTC": "1"})
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000"),
                                            valued("ETH", "2", usd="6000")]})
    desk = open_desk()
    view = desk.window.desk.balances
    desk.window.commands.show_balances.trigger()
    view.search.setFocus()
    qtbot.keyClicks(view.search, "zzz")
    assert desk.balances.model.rowCount() == 0
    assert view.no_match.isVisible() and "“zzz”" in view.no_match.text()
    assert "Esc clears" in view.no_match.text()

    assert desk.refresh.start()  # Esc also means "cancel the refresh" now
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and not view.no_match.isVisible()
    assert desk.refresh.running  # the first Esc was the search's
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert not desk.refresh.running  # with nothing to clear, Esc cancels

    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.table.selectionModel().selectedRows()[0].row() == 0
