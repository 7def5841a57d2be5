"""The API keys view: keyboard (Enter edits, Delete removes, Ctrl+T tests), natural label
order, an empty state, honest status after a restart, and where the master key comes from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from walletdesk.services import Services
from walletdesk.ui.views.desk_view import CREDENTIALS_TAB


def labels(desk) -> list[str]:  # type: ignore[no-untyped-def]
    model = desk.credentials_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_labels_sort_naturally_and_statuses_survive_a_restart(
        open_desk: OpenDesk, services: Services) -> None:
    for n in (1, 10, 2):
        services.credentials.add(exchange="DEMO", api_key="demo-key", secret="demo-secret",
                                 label=f"Demo {n}")
    services.portfolio.refresh()
    desk = open_desk()
    desk.window.desk.credentials.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert labels(desk) == ["Demo 1", "Demo 2", "Demo 10"]
    statuses = {desk.credentials_model.index(r, 4).data()
                for r in range(desk.credentials_model.rowCount())}
    assert len(statuses) == 1 and statuses.pop().startswith("Worked at the last refresh")


def test_an_empty_key_list_says_what_to_do(open_desk: OpenDesk) -> None:
    desk = open_desk()
    view = desk.window.desk.credentials
    desk.show_portfolio(desk.portfolio)
    assert view.empty.isHidden() is False and "Ctrl+N" in view.empty.text()


def test_the_footer_names_where_the_master_key_comes_from(
        open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch) -> None:
    from walletdesk.ui.views.credentials_view import secret_note

    monkeypatch.setenv("WALLETDESK_MASTER_KEY", "x")
    assert "environment variable WALLETDESK_MASTER_KEY" in secret_note()
    monkeypatch.delenv("WALLETDESK_MASTER_KEY")
    assert "system keychain" in secret_note()


def test_enter_edits_delete_removes_and_ctrl_t_tests(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    services.credentials.add_demo()
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(CREDENTIALS_TAB)
    table = desk.window.desk.credentials.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = desk.credentials.editor
    assert editor is not None and editor.dialog.isVisible()
    editor.dialog.reject()
    with qtbot.waitSignal(desk.credentials_model.dataChanged, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    box = desk.credentials.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()  # asks first
    box.reject()
