"""Ctrl+E: the export dialog writes what the table shows (or everything), in each format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ecb_server import EcbServer
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.core.balance_table import BalanceTable
from walletdesk.export.formats import FORMATS
from walletdesk.services import Services
from walletdesk.ui.dialogs.export_dialog import ExportDialog
from walletdesk.ui.models.balance_columns import ASSET
from walletdesk.ui.presenters.desk_presenter import DeskPresenter

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


def test_a_failed_export_is_shown_in_the_dialog_which_keeps_every_choice(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    dialog: ExportDialog = desk.export.open()
    dialog.formats.button(FORMAT_BUTTON["json"]).click()
    dialog.scope_all.click()
    dialog.path.setText(str(blocker / "inside.json"))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=10_000)
    assert "inside.json" in dialog.problem.message() and "Choose" in dialog.problem.message()
    assert dialog.isVisible() and dialog.export.isEnabled()
    assert dialog.chosen_format() == "json" and dialog.scope_all.isChecked()
    assert dialog.path.text() == str(blocker / "inside.json")
    dialog.reject()


def test_a_typed_existing_file_is_replaced_only_after_a_second_press(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("my notes\n")
    dialog: ExportDialog = desk.export.open()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(target))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    assert "already exists" in dialog.problem.message() and dialog.export.text() == "Replace"
    assert target.read_text() == "my notes\n" and dialog.isVisible()
    qtbot.keyClicks(dialog.path, "x")  # a changed name must be confirmed afresh
    qtbot.keyClick(dialog.path, Qt.Key.Key_Backspace)
    assert dialog.export.text() == "Export"
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    assert target.read_text() == "my notes\n"
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    assert target.read_text().startswith("exchange,asset")
    assert desk.status.text().startswith("Exported 3 balances")


def test_the_extension_of_another_format_is_warned_about(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    dialog: ExportDialog = desk.export.open()
    dialog.formats.button(FORMAT_BUTTON["json"]).click()
    dialog.path.setText(str(tmp_path / "b.csv"))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.status.text().startswith("Exported"), timeout=10_000)
    assert "ends in .csv but the content is JSON" in desk.status.text()


def test_the_suggested_folder_exists_even_without_a_documents_folder(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path) -> None:
    from walletdesk.ui.presenters.export_flow import default_folder

    assert default_folder(str(tmp_path / "gone")).is_dir()
    assert default_folder(str(tmp_path)) == tmp_path
    dialog = desk.export.open()
    assert Path(dialog.path.text()).parent.is_dir()
    assert dialog.path.cursorPosition() == len(dialog.path.text())  # the file name shows
    dialog.reject()


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


def test_a_chosen_display_currency_adds_its_columns_as_export_currency_does(
        qtbot: QtBot, desk: DeskPresenter, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    with EcbServer() as ecb:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", ecb.url)
        with qtbot.waitSignal(desk.currency.shown, timeout=10_000):
            desk.window.currency_menu.choices["EUR"].trigger()
    rate = desk.currency.rate
    assert rate is not None and rate.currency == "EUR"
    path = tmp_path / "in_eur.csv"
    export(qtbot, desk, "csv", path, everything=False)
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    golden = (GOLDEN / "shown.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == [*golden[0].split(","), "currency", "value"]  # the USD columns stay
    btc = next(row for row in rows if row[1] == "BTC")
    assert btc[-2:] == ["EUR", f"{rate.convert(Decimal('48750.12345678')):f}"]
    assert btc[-1] != btc[5]
