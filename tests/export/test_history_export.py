"""History tables in files: exact text, guarded spreadsheet text, the documented columns."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from walletdesk.core.history import AssetPoint, PortfolioPoint
from walletdesk.export.history_files import export_history, write_history_text
from walletdesk.export.history_table import HistoryTable, asset_table, portfolio_table

AT = datetime(2026, 11, 25, 17, 4, 5, 678901, tzinfo=UTC)
HOSTILE = [AssetPoint(AT, "=HYPERLINK(\"x\")", Decimal("0.00000001"), Decimal("1E-8"))]


def test_portfolio_json_has_exactly_at_and_total_usd_value() -> None:
    out = io.StringIO()
    write_history_text(portfolio_table([PortfolioPoint(AT, Decimal("12.5"))]), "json", out)
    assert json.loads(out.getvalue()) == [
        {"at": "2026-11-25T17:04:05Z", "total_usd_value": "12.50000000"}]


def test_asset_text_from_an_exchange_is_guarded_in_csv_and_xlsx_but_not_in_json(
        tmp_path: Path) -> None:
    table = asset_table(HOSTILE)
    rows = list(csv.reader(io.StringIO(_text(table, "csv"))))
    assert rows[1] == ["2026-11-25T17:04:05Z", "'=HYPERLINK(\"x\")", "0.00000001", "0.00000001"]
    assert json.loads(_text(table, "json"))[0]["asset"] == "=HYPERLINK(\"x\")"
    sheet = load_workbook(export_history(table, "xlsx", tmp_path / "h.xlsx")).active
    assert sheet["B2"].value == "'=HYPERLINK(\"x\")" and sheet["B2"].data_type == "s"
    assert sheet["A2"].value == datetime(2026, 11, 25, 17, 4, 5)  # naive UTC, to the second


def _text(table: HistoryTable, fmt: str) -> str:
    out = io.StringIO(newline="")
    write_history_text(table, fmt, out)
    return out.getvalue()
