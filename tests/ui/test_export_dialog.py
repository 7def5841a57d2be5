"""Ctrl+E: the export dialog writes what the table shows (or everything), in each format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.core.balance_table import BalanceTable
from walletdesk.export.formats import FORMATS
from walletdesk.services import Services
from walletdesk.ui.dialogs.export_dialog import ExportDialog
from walletdesk.ui.models.balance_columns import ASSET
from walletdesk.ui.presenters.desk import DeskPresenter

GOLDEN = Path(__file__).parent / "golden"
FORMAT_BUTTON = {fmt.name: index for index, fmt in enumerate(FORMATS)}


@pytest.fixture
def desk(open_desk: OpenDesk, services: Services) -> DeskPresenter:
    seed(services.paths.database, {
        "MEXC": [valued("BTC", "0.5", "0.25", usd="48750.12345678"),
                 valued("=SUM(A1)", "1", usd="0"), valued("ETH", "2", usd="6000")],
        "BINANCE": [valued("ADA", "3", usd="1.5")],
    })
    presenter = open_desk()
    view = presenter.window.desk.balances
    view.exchange.setCurrentIndex(view.exchange.findData("MEXC"))
    view.table.sortByColumn(ASSET, Qt.SortOrder.AscendingOrder)
    return presenter


def export(qtbot: QtBot, desk: DeskPresenter, fmt: str, path: Path, *, everything: bool) -> None:
    qtbot.keyClick(desk.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.export.dialog
    assert dialog is not None
    dialog.formats.button(FORMAT_BUTTON[fmt]).click()
    (dialog.scope_all if everything else dialog.scope_shown).click()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.status.text().startswith("Exported"), timeout=10_000)


def test_csv_of_what_the_table_shows_matches_the_golden_file(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    path = tmp_path / "shown.csv"
    export(qtbot, desk, "csv", path, everything=False)
    assert path.read_bytes() == (GOLDEN / "shown.csv").read_bytes()
    assert desk.status.text() == f"Exported 3 balances to {path}."


def test_json_of_everything_matches_the_golden_file(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    export(qtbot, desk, "json", path, everything=True)
    assert path.read_bytes() == (GOLDEN / "everything.json").read_bytes()


def test_xlsx_has_real_numbers_with_eight_decimals_and_a_frozen_header(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "shown.xlsx"
    export(qtbot, desk, "xlsx", path, everything=False)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("exchange", "asset", "free", "locked", "total", "usd_value")
    assert [row[1] for row in rows[1:]] == ["'=SUM(A1)", "BTC", "ETH"]
    btc = sheet.cell(row=3, column=6)
    assert Decimal(str(btc.value)) == Decimal("48750.12345678")
    assert btc.number_format.endswith("0.00000000")
    assert sheet.freeze_panes == "A2"


def test_the_dialog_suggests_a_dated_name_and_follows_the_format(
        qtbot: QtBot, desk: DeskPresenter) -> None:
    dialog = desk.export.open()
    name = Path(dialog.path.text()).name
    assert name.startswith("walletdesk-balances-") and name.endswith(".csv")
    dialog.formats.button(FORMAT_BUTTON["json"]).click()
    assert dialog.path.text().endswith(".json")
    assert dialog.scope_shown.text() == "What the table shows (3 balances)"
    assert dialog.scope_all.text() == "Everything (4 balances)"
    dialog.reject()


def test_choose_opens_the_native_save_dialog_with_the_suggested_name(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    chosen = str(tmp_path / "picked.csv")

    def fake_save(parent: object, title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return chosen, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog = desk.export.open()
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert asked and Path(asked[0]).name.startswith("walletdesk-balances-")
    assert dialog.path.text() == chosen
    dialog.reject()


def test_an_unwritable_path_is_reported_in_the_status_bar(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    dialog: ExportDialog = desk.export.open()
    dialog.path.setText(str(blocker / "inside.csv"))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.status.text().startswith("⚠"), timeout=10_000)
    assert str(blocker / "inside.csv") in desk.status.text() or "inside.csv" in desk.status.text()


def test_opening_the_dialog_counts_rows_without_building_balances(
        qtbot: QtBot, desk: DeskPresenter, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    original = BalanceTable._balance

    def counting(table: BalanceTable, row: tuple[int, str, int, int, int, int]) -> object:
        built.append(row)
        return original(table, row)

    monkeypatch.setattr(BalanceTable, "_balance", counting)
    dialog = desk.export.open()
    assert "(3 balances)" in dialog.scope_shown.text()
    assert "(4 balances)" in dialog.scope_all.text()
    assert built == []
