from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from walletdesk.core.models import Balance
from walletdesk.export import export_balances

from .samples import BIGGEST, FORMULA_ASSET, balance


@pytest.fixture
def sheet(tmp_path: Path, sample_balances: list[Balance]) -> Any:
    path = export_balances(sample_balances, "xlsx", tmp_path / "balances.xlsx")
    return openpyxl.load_workbook(path)["Balances"]


def test_xlsx_has_one_balances_sheet_with_a_bold_frozen_filtered_header(sheet: Any) -> None:
    assert sheet.parent.sheetnames == ["Balances"]
    assert [cell.value for cell in sheet[1]] == [
        "exchange", "asset", "free", "locked", "total", "usd_value", "priced",
        "wallet_updated (UTC)",
    ]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H7"


def test_xlsx_amounts_are_numbers_with_eight_decimal_formats(
    sheet: Any, sample_balances: list[Balance]
) -> None:
    for row, original in zip(sheet.iter_rows(min_row=2), sample_balances, strict=True):
        for cell, name in zip(row[2:6], ("free", "locked", "total", "usd_value"), strict=True):
            assert cell.data_type == "n"
            assert isinstance(cell.value, int | float)
            # Excel keeps doubles: the nearest double, not the exact decimal (CSV/JSON are exact).
            assert cell.value == pytest.approx(float(getattr(original, name)), rel=1e-15)
        assert [c.number_format for c in row[2:6]] == ["0.00000000"] * 3 + ["#,##0.00000000"]


def test_xlsx_keeps_ordinary_amounts_exactly(tmp_path: Path) -> None:
    path = export_balances([balance("MEXC", "BTC", "0.12345678", "0.00000001", "71250.12345678")],
                           "xlsx", tmp_path / "b.xlsx")
    row = openpyxl.load_workbook(path)["Balances"][2]
    assert [Decimal(str(c.value)) for c in row[2:6]] == [
        Decimal("0.12345678"), Decimal("1E-8"), Decimal("0.12345679"), Decimal("71250.12345678")
    ]


def test_xlsx_flags_are_booleans_and_times_are_utc_datetimes(
    sheet: Any, sample_balances: list[Balance]
) -> None:
    row = sheet[2]
    assert row[6].data_type == "b" and row[6].value is True
    assert sheet[6][6].value is False
    assert isinstance(row[7].value, datetime)
    assert row[7].value == datetime(2026, 11, 25, 17, 4, 5)
    assert row[7].number_format == "yyyy-mm-dd hh:mm:ss"


def test_xlsx_text_is_never_a_formula(sheet: Any) -> None:
    cell = sheet[7][1]
    assert cell.data_type == "s"
    assert cell.value == "'" + FORMULA_ASSET
    assert sheet[4][1].value == "ÆTHER币"
    assert sheet[2][0].value == "DEMO"


def test_xlsx_columns_are_wide_enough_for_their_values(sheet: Any) -> None:
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGH"}
    assert widths["C"] >= len(str(BIGGEST))
    assert widths["F"] >= len("9,999,999,999.99999999")
    assert widths["H"] >= len("wallet_updated (UTC)")
    assert all(width <= 50 for width in widths.values())


def test_xlsx_drops_control_characters_that_the_format_cannot_hold(tmp_path: Path) -> None:
    path = export_balances([balance("MEXC", "\x1b=B\x01", "1", "0", "0")], "xlsx",
                           tmp_path / "b.xlsx")
    assert openpyxl.load_workbook(path)["Balances"]["B2"].value == "'=B"


def test_xlsx_with_no_balances_has_the_header_only(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export_balances([], "xlsx", tmp_path / "e.xlsx"))["Balances"]
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:H1"
